using System.Threading.Channels;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Workers;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Pools;

/// <summary>
/// The workers of one application, managed as the ASP.NET Core Module's process manager does
/// (iis-ancm.md §2): started on the first request (requests that arrive meanwhile wait), ready when
/// listening, two attempts per start, rapid-fail protection, a crash noticed at once, app_offline.htm,
/// restart on web.config change, graceful stop.
/// </summary>
/// <remarks>
/// One loop owns all state: every trigger is a <see cref="PoolCommand"/> on a channel, handled one at a
/// time, so there are no locks. The request path reads an immutable <see cref="PoolSnapshot"/> and only
/// posts to the loop when no worker is ready.
/// </remarks>
public sealed partial class WorkerPool : IAsyncDisposable
{
    private const int AttemptsPerStart = 2;

    private readonly WorkerPoolServices _services;
    private readonly ILogger _logger;
    private readonly Channel<PoolCommand> _commands = Channel.CreateUnbounded<PoolCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly RapidFailCounter _rapidFails;
    private readonly AppFolderWatcher _watcher;
    private readonly Task _loop;

    // State owned by the loop.
    private readonly List<Worker> _workers = [];
    private readonly List<TaskCompletionSource<AcquireResult>> _waiters = [];
    private readonly List<TaskCompletionSource> _stopCompletions = [];
    private bool _startInProgress;
    private int _attempt;
    private int _nextWorkerId;
    private byte[]? _offlinePage;
    private bool _stopped;
    private bool _toldInProcess;
    private AspNetCoreSettings? _settings;

    // Published by the loop, read by the request path and status output.
    private volatile PoolSnapshot _snapshot = PoolSnapshot.Initial;
    private volatile Worker[] _allWorkers = [];
    private volatile WorkerFailure? _lastFailure;
    private volatile int _state;
    private uint _roundRobin;

    public WorkerPool(ApplicationDefinition application, WorkerPoolServices services)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(services);
        Application = application;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<WorkerPool>();
        _rapidFails = new RapidFailCounter(services.Time);
        _watcher = new AppFolderWatcher(
            application.PhysicalPath,
            IsRestartFile,
            () => Post(new PoolCommand.AppOfflineChanged()),
            name => Post(new PoolCommand.FilesChanged(name)),
            ex => LogWatcherFailed(_logger, application.DisplayName, ex.Message));
        _commands.Writer.TryWrite(new PoolCommand.AppOfflineChanged());
        _loop = RunAsync();
    }

    public ApplicationDefinition Application { get; }

    /// <summary>Raised (on the pool's loop: handlers must return at once) when the app's web.config changes.</summary>
    public event Action<WorkerPool>? WebConfigChanged;

    public WorkerPoolState State => (WorkerPoolState)_state;

    /// <summary>The workers that exist now (starting, ready, draining or stopping).</summary>
    public IReadOnlyList<Worker> Workers => _allWorkers;

    /// <summary>The last failure to start, or crash, for status output.</summary>
    public WorkerFailure? LastFailure => _lastFailure;

    /// <summary>
    /// Gets a ready worker, starting one if there is none; or says why the request cannot be served.
    /// Cancel <paramref name="cancellationToken"/> when the client goes away: the start goes on.
    /// </summary>
    public ValueTask<AcquireResult> AcquireAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot.OfflinePage is { } page)
        {
            return new(AcquireResult.ForOffline(page));
        }

        var ready = snapshot.Ready;
        for (var i = 0; i < ready.Length; i++)
        {
            // Round robin over ready workers, as ANCM spreads requests over its process slots.
            var worker = ready[(int)(Interlocked.Increment(ref _roundRobin) % (uint)ready.Length)];
            if (worker.State == WorkerState.Ready)
            {
                return new(AcquireResult.ForWorker(worker));
            }
        }

        return snapshot.Stopped ? new(AcquireResult.ForStopping()) : WaitForWorkerAsync(cancellationToken);
    }

    /// <summary>Stops every worker gracefully and starts no more. Completes when all have exited.</summary>
    public Task StopAsync()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _commands.Writer.TryWrite(new PoolCommand.Stop(completion)) ? completion.Task : _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _commands.Writer.TryComplete();
        await _loop;
        _watcher.Dispose();
        _stopping.Dispose();
    }

    private async ValueTask<AcquireResult> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<AcquireResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_commands.Writer.TryWrite(new PoolCommand.Acquire(waiter)))
        {
            return AcquireResult.ForStopping();
        }

        return await waiter.Task.WaitAsync(cancellationToken);
    }

    private void Post(PoolCommand command) => _commands.Writer.TryWrite(command);

    private async Task RunAsync()
    {
        await foreach (var command in _commands.Reader.ReadAllAsync())
        {
            try
            {
                Handle(command);
            }
            catch (Exception ex)
            {
                // A bug in a handler must not kill the pool: log it and go on with the next trigger.
                LogHandlerFailed(_logger, Application.DisplayName, command.GetType().Name, ex);
            }

            Publish();
            CompleteStopIfDone();
        }
    }

    private void Handle(PoolCommand command)
    {
        switch (command)
        {
            case PoolCommand.Acquire acquire:
                OnAcquire(acquire.Waiter);
                break;
            case PoolCommand.Launched launched:
                OnLaunched(launched.Worker);
                break;
            case PoolCommand.LaunchFailed failed:
                OnStartFailed(null, failed.Failure);
                break;
            case PoolCommand.StartCompleted completed:
                OnStartCompleted(completed.Worker, completed.Result);
                break;
            case PoolCommand.Exited exited:
                OnExited(exited.Worker, exited.Exit);
                break;
            case PoolCommand.AppOfflineChanged:
                OnAppOfflineChanged();
                break;
            case PoolCommand.FilesChanged changed:
                OnFilesChanged(changed.FileName);
                break;
            case PoolCommand.Stop stop:
                OnStop(stop.Completion);
                break;
        }
    }

    private void OnAcquire(TaskCompletionSource<AcquireResult> waiter)
    {
        if (_stopped)
        {
            waiter.TrySetResult(AcquireResult.ForStopping());
        }
        else if (_offlinePage is { } page)
        {
            waiter.TrySetResult(AcquireResult.ForOffline(page));
        }
        else if (_workers.FirstOrDefault(w => w.State == WorkerState.Ready) is { } ready)
        {
            waiter.TrySetResult(AcquireResult.ForWorker(ready));
        }
        else
        {
            _waiters.Add(waiter);
            EnsureStarting();
        }
    }

    /// <summary>Starts a worker unless one is starting, the app is offline, stopped or rapid-fail protected.</summary>
    private void EnsureStarting()
    {
        if (_startInProgress || _stopped || _offlinePage is not null || _waiters.Count == 0)
        {
            return;
        }

        var settings = ResolveSettings();
        if (settings is null)
        {
            return;
        }

        if (_rapidFails.IsExceeded(settings.RapidFailsPerMinute))
        {
            LogRapidFail(_logger, Application.DisplayName, settings.RapidFailsPerMinute, _rapidFails.WindowEnd);
            _attempt = 0;
            FailWaiters(new WorkerFailure(
                WorkerFailureKind.RapidFailLimit,
                $"Maximum rapid fail count per minute of '{settings.RapidFailsPerMinute}' exceeded ({_rapidFails.Count} failures); no process is started until {_rapidFails.WindowEnd:HH:mm:ss} UTC.",
                _lastFailure?.CommandLine,
                _lastFailure?.ExitCode,
                _lastFailure?.Output,
                _services.Time.GetUtcNow()), settings);
            return;
        }

        _attempt++;
        _settings = settings;
        _startInProgress = true;
        _ = StartWorkerAsync(settings, ++_nextWorkerId);
    }

    /// <summary>Reads web.config again (it may have changed) and applies eyrie.json's overrides.</summary>
    private AspNetCoreSettings? ResolveSettings()
    {
        var diagnostics = new DiagnosticBag();
        var settings = AspNetCoreSettingsResolver.Resolve(Application.PhysicalPath, Application.Overrides, diagnostics);
        if (settings is null)
        {
            var message = string.Join(Environment.NewLine, diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error));
            LogConfigurationInvalid(_logger, Application.DisplayName, message);
            FailWaiters(new WorkerFailure(WorkerFailureKind.ConfigurationInvalid, message, null, null, null, _services.Time.GetUtcNow()), null);
            return null;
        }

        if (settings.HostingModel == HostingModel.InProcess && !_toldInProcess)
        {
            _toldInProcess = true;
            LogInProcess(_logger, Application.DisplayName);
        }

        return settings;
    }

    /// <summary>Launches a worker and waits until it is ready; reports each step back to the loop.</summary>
    private async Task StartWorkerAsync(AspNetCoreSettings settings, int id)
    {
        Worker worker;
        try
        {
            worker = await _services.Launcher.LaunchAsync(Application, settings, id);
        }
        catch (WorkerLaunchException ex)
        {
            Post(new PoolCommand.LaunchFailed(new WorkerFailure(WorkerFailureKind.LaunchFailed, ex.Message, null, null, null, _services.Time.GetUtcNow())));
            return;
        }

        Post(new PoolCommand.Launched(worker));
        StartupResult result;
        try
        {
            result = await worker.WaitUntilReadyAsync(settings.StartupTimeLimit, _services.Probe, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The pool is stopping: this worker will never serve. Its exit completes the stop.
            worker.Kill();
            result = new StartupResult(new WorkerFailure(WorkerFailureKind.LaunchFailed, "The start was abandoned because the pool is stopping.", worker.Plan.CommandLine, null, null, _services.Time.GetUtcNow()));
        }

        if (result.Failure is { } failure)
        {
            // Let the pipes drain so that the page and the log show the app's last words.
            await Task.WhenAny(worker.Output.Completion, Task.Delay(TimeSpan.FromSeconds(1), _services.Time));
            result = new StartupResult(failure with { Output = worker.Output.ReadTail() });
        }

        Post(new PoolCommand.StartCompleted(worker, result));
    }

    private void OnLaunched(Worker worker)
    {
        _workers.Add(worker);
        _ = worker.Exited.ContinueWith(
            t => Post(new PoolCommand.Exited(worker, t.Result)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnStartCompleted(Worker worker, StartupResult result)
    {
        if (result.Failure is { } failure)
        {
            // The worker stays listed until its process has exited (it was killed, or is exiting).
            OnStartFailed(worker, failure);
            return;
        }

        _startInProgress = false;
        _attempt = 0;
        LogReady(_logger, worker.ToString(), (worker.ReadyAt!.Value - worker.StartedAt).TotalMilliseconds);
        if (_stopped || _offlinePage is not null)
        {
            // The app went offline or Eyrie began stopping while this worker started.
            StopWorker(worker);
            return;
        }

        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult(AcquireResult.ForWorker(worker));
        }

        _waiters.Clear();
    }

    private void OnStartFailed(Worker? worker, WorkerFailure failure)
    {
        _startInProgress = false;
        _lastFailure = failure;
        _rapidFails.RecordFailure();
        LogStartFailed(_logger, Application.DisplayName, _attempt, failure.Message, failure.Output ?? "");

        // A second attempt, with a new port, unless the failure would only repeat (ANCM: two per trigger).
        var retryable = failure.Kind is WorkerFailureKind.ExitedDuringStartup or WorkerFailureKind.StartupTimeout or WorkerFailureKind.PortOwnedByOtherProcess;
        if (retryable && _attempt < AttemptsPerStart && !_stopped && _offlinePage is null)
        {
            EnsureStarting();
            return;
        }

        _attempt = 0;
        FailWaiters(failure, _settings);
    }

    private void OnExited(Worker worker, WorkerExit exit)
    {
        var wasListed = _workers.Remove(worker);
        if (exit.WasRequested || !wasListed || worker.ReadyAt is null)
        {
            // A stop we asked for, or a start failure the start path already reports.
            LogExited(_logger, worker.ToString(), exit.Description);
            return;
        }

        // A crash: its in-flight requests fail (502.3); the next request starts a new worker, as ANCM does.
        _rapidFails.RecordFailure();
        _lastFailure = new WorkerFailure(WorkerFailureKind.ExitedDuringStartup, $"{worker} crashed ({exit.Description}).",
            worker.Plan.CommandLine, exit.ExitCode, worker.Output.ReadTail(), exit.At);
        LogCrashed(_logger, worker.ToString(), exit.Description);
        EnsureStarting();
    }

    private void OnAppOfflineChanged()
    {
        byte[]? page;
        try
        {
            page = AppFolderWatcher.ReadAppOffline(Application.PhysicalPath);
        }
        catch (DirectoryNotFoundException)
        {
            page = null;
        }

        var wasOffline = _offlinePage is not null;
        _offlinePage = page;
        if (page is null)
        {
            if (wasOffline)
            {
                LogAppOfflineRemoved(_logger, Application.DisplayName);
            }

            return;
        }

        if (!wasOffline)
        {
            LogAppOffline(_logger, Application.DisplayName);
        }

        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult(AcquireResult.ForOffline(page));
        }

        _waiters.Clear();
        StopAllWorkers();
    }

    private void OnFilesChanged(string fileName)
    {
        var isWebConfig = fileName.Equals(WebConfigReader.FileName, StringComparison.OrdinalIgnoreCase);
        if (isWebConfig)
        {
            // Its security sections apply at the edge whether or not the app restarts for it.
            WebConfigChanged?.Invoke(this);
        }

        if (_settings is { DisallowRotationOnConfigChange: true } && isWebConfig)
        {
            return;
        }

        if (_workers.Count > 0)
        {
            // As ANCM (iis-ancm.md §2.11): the app is stopped; the next request starts it with the new files.
            LogFilesChanged(_logger, Application.DisplayName, fileName);
            StopAllWorkers();
        }
    }

    private void OnStop(TaskCompletionSource completion)
    {
        _stopCompletions.Add(completion);
        if (!_stopped)
        {
            _stopped = true;
            LogPoolStopping(_logger, Application.DisplayName);
            _stopping.Cancel();
            foreach (var waiter in _waiters)
            {
                waiter.TrySetResult(AcquireResult.ForStopping());
            }

            _waiters.Clear();
            StopAllWorkers();
        }
    }

    /// <summary>A stop is done when no worker process is left and no start is under way.</summary>
    private void CompleteStopIfDone()
    {
        if (!_stopped || _startInProgress || _workers.Count > 0 || _stopCompletions.Count == 0)
        {
            return;
        }

        foreach (var completion in _stopCompletions)
        {
            completion.TrySetResult();
        }

        _stopCompletions.Clear();
    }

    private void StopAllWorkers()
    {
        foreach (var worker in _workers)
        {
            StopWorker(worker);
        }
    }

    private void StopWorker(Worker worker)
    {
        // The stop runs on its own; the worker's exit arrives here as an Exited command.
        _ = worker.StopAsync(worker.Settings.ShutdownTimeLimit, _services.ShutdownClient);
    }

    private void FailWaiters(WorkerFailure failure, AspNetCoreSettings? settings)
    {
        _lastFailure = failure;
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult(AcquireResult.ForFailure(failure, settings));
        }

        _waiters.Clear();
    }

    private void Publish()
    {
        var ready = _workers.Where(w => w.State == WorkerState.Ready).ToArray();
        _snapshot = new PoolSnapshot(ready, _offlinePage, _stopped, _settings);
        _allWorkers = [.. _workers];
        _state = (int)(_stopped ? WorkerPoolState.Stopped
            : _offlinePage is not null ? WorkerPoolState.Offline
            : ready.Length > 0 ? WorkerPoolState.Running
            : _startInProgress ? WorkerPoolState.Starting
            : _settings is { } s && _rapidFails.IsExceeded(s.RapidFailsPerMinute) ? WorkerPoolState.RapidFailProtected
            : WorkerPoolState.Idle);
    }

    private bool IsRestartFile(string name) =>
        name.Equals(WebConfigReader.FileName, StringComparison.OrdinalIgnoreCase) ||
        (_settings?.RecycleOnFileChange.Any(f => Path.GetFileName(WindowsPath.Normalize(f)).Equals(name, StringComparison.OrdinalIgnoreCase)) ?? false);

    [LoggerMessage(EventId = EventIds.WorkerReady, Level = LogLevel.Information, Message = "{Worker} is ready after {Milliseconds:0} ms")]
    private static partial void LogReady(ILogger logger, string worker, double milliseconds);

    [LoggerMessage(EventId = EventIds.WorkerStartFailed, Level = LogLevel.Error, Message = "{Application}: start attempt {Attempt} failed: {Reason}\nLast output of the process:\n{Output}")]
    private static partial void LogStartFailed(ILogger logger, string application, int attempt, string reason, string output);

    [LoggerMessage(EventId = EventIds.RapidFailLimitReached, Level = LogLevel.Error, Message = "{Application}: maximum rapid fail count per minute of '{Limit}' exceeded; no process is started until {Until:HH:mm:ss} UTC")]
    private static partial void LogRapidFail(ILogger logger, string application, int limit, DateTimeOffset until);

    [LoggerMessage(EventId = EventIds.WorkerCrashed, Level = LogLevel.Error, Message = "{Worker} exited unexpectedly: {Exit}")]
    private static partial void LogCrashed(ILogger logger, string worker, string exit);

    [LoggerMessage(EventId = EventIds.WorkerExited, Level = LogLevel.Information, Message = "{Worker} exited: {Exit}")]
    private static partial void LogExited(ILogger logger, string worker, string exit);

    [LoggerMessage(EventId = EventIds.AppOfflineDetected, Level = LogLevel.Information, Message = "{Application} was taken offline: app_offline.htm detected; its workers are being stopped")]
    private static partial void LogAppOffline(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.AppOfflineRemoved, Level = LogLevel.Information, Message = "{Application}: app_offline.htm removed; the next request starts the app")]
    private static partial void LogAppOfflineRemoved(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.WebConfigChanged, Level = LogLevel.Information, Message = "{Application}: {File} changed; its workers are being stopped and the next request starts the new version")]
    private static partial void LogFilesChanged(ILogger logger, string application, string file);

    [LoggerMessage(EventId = EventIds.InProcessHostingModel, Level = LogLevel.Information, Message = "{Application}: web.config asks for hostingModel=\"inprocess\"; Eyrie runs the app out of process")]
    private static partial void LogInProcess(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.ConfigurationInvalid, Level = LogLevel.Error, Message = "{Application} cannot start: {Errors}")]
    private static partial void LogConfigurationInvalid(ILogger logger, string application, string errors);

    [LoggerMessage(EventId = EventIds.PoolStopping, Level = LogLevel.Information, Message = "Stopping {Application}")]
    private static partial void LogPoolStopping(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.WatcherFailed, Level = LogLevel.Warning, Message = "{Application}: watching the app folder failed ({Reason}); checking it again")]
    private static partial void LogWatcherFailed(ILogger logger, string application, string reason);

    [LoggerMessage(EventId = EventIds.PoolHandlerFailed, Level = LogLevel.Critical, Message = "{Application}: handling {Command} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string application, string command, Exception exception);
}
