using System.Threading.Channels;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Workers;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Pools;

/// <summary>
/// The workers of one application, managed as IIS's application pool and the ASP.NET Core Module's process
/// manager manage them (iis-ancm.md §2, §4), and better: <c>processesPerApplication</c> workers behind a load
/// balancer, started on demand or kept always running, a bounded request queue, an idle timeout, and
/// overlapped recycles (on request, deploy, configuration change, schedule, request count, memory or failed
/// health checks) that never leave a moment without a ready worker; rapid-fail protection per minute (ANCM)
/// and per interval (IIS), app_offline.htm, graceful stop.
/// </summary>
/// <remarks>
/// One loop owns all state: every trigger is a <see cref="PoolCommand"/> on a channel, handled one at a time,
/// so there are no locks. The request path reads an immutable <see cref="PoolSnapshot"/> and only posts to the
/// loop when no worker is in rotation. The handlers are split by concern: starting and crashes
/// (WorkerPool.Starting.cs), recycling and the periodic checks (WorkerPool.Recycling.cs), log messages
/// (WorkerPool.Log.cs).
/// </remarks>
public sealed partial class WorkerPool : IAsyncDisposable
{
    private const int AttemptsPerStart = 2;
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    private readonly WorkerPoolServices _services;
    private readonly ILogger _logger;
    private readonly Channel<PoolCommand> _commands = Channel.CreateUnbounded<PoolCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly FailureWindow _failures;
    private readonly ITimer _ticker;
    private readonly ITimer _quietTimer;
    private readonly Task _loop;
    private AppFolderWatcher _watcher;

    // State owned by the loop.
    private readonly List<PoolMember> _members = [];
    private readonly List<StartTicket> _startsInFlight = [];
    private readonly List<TaskCompletionSource<AcquireResult>> _waiters = [];
    private readonly List<TaskCompletionSource> _shutdownCompletions = [];

    /// <summary>Callers' completions, run once the snapshot their command produced is published, so they see it.</summary>
    private readonly List<Action> _afterPublish = [];
    private readonly HashSet<string> _changedFiles = new(StringComparer.OrdinalIgnoreCase);
    private ApplicationDefinition _application;
    private PoolSettings _poolSettings;
    private AspNetCoreSettings? _settings;
    private RapidFailCounter _rapidFails;
    private Rotation? _rotation;
    private PendingRecycle? _pendingRecycle;
    private RecycleRecord? _lastRecycle;
    private int _generation = 1;
    private int _nextWorkerId;
    private bool _active;
    private byte[]? _offlinePage;
    private bool _shutDown;
    private bool _failed;
    private bool _stoppedByOperator;
    private bool _toldInProcess;
    private DateTimeOffset _lastTickLocal;
    private long _nextHealthCheck;

    // Published by the loop, read by the request path and status output.
    private volatile PoolSnapshot _snapshot = PoolSnapshot.Initial;
    private volatile PoolStatus _status;
    private int _restarts;
    private WorkerExitRecord? _lastExit;
    private volatile Worker[] _allWorkers = [];
    private volatile WorkerFailure? _lastFailure;
    private volatile ApplicationDefinition _publishedApplication;
    private uint _roundRobin;

    public WorkerPool(ApplicationDefinition application, WorkerPoolServices services)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(services);
        _application = _publishedApplication = application;
        _poolSettings = PoolSettings.From(application.Pool);
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<WorkerPool>();
        _rapidFails = new RapidFailCounter(services.Time);
        _failures = new FailureWindow(services.Time);
        _status = PoolStatus.Initial(application.DisplayName);
        _lastTickLocal = services.Time.GetLocalNow();
        _watcher = WatchFolder(application.PhysicalPath);
        _quietTimer = services.Time.CreateTimer(_ => Post(new PoolCommand.FolderQuiet()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ticker = services.Time.CreateTimer(_ => Post(new PoolCommand.Tick()), null, TickPeriod, TickPeriod);
        _commands.Writer.TryWrite(new PoolCommand.AppOfflineChanged());
        _loop = RunAsync();
    }

    /// <summary>The application as last configured (a recycle to it may still be under way).</summary>
    public ApplicationDefinition Application => _publishedApplication;

    /// <summary>Raised (on the pool's loop: handlers must return at once) when the app's web.config changes.</summary>
    public event Action<WorkerPool>? WebConfigChanged;

    public WorkerPoolState State => _status.State;

    /// <summary>The workers that exist now (starting, ready, draining or stopping).</summary>
    public IReadOnlyList<Worker> Workers => _allWorkers;

    /// <summary>The last failure to start, crash, or reason the pool stopped, for status output.</summary>
    public WorkerFailure? LastFailure => _lastFailure;

    /// <summary>The pool as status output shows it.</summary>
    public PoolStatus Status => _status;

    /// <summary>
    /// Gets a ready worker, already counted busy with this request (call <see cref="Worker.OnRequestEnd"/>
    /// when it ends), starting workers if none is in rotation; or says why the request cannot be served.
    /// Cancel <paramref name="cancellationToken"/> when the client goes away: the start goes on.
    /// </summary>
    public ValueTask<AcquireResult> AcquireAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot.OfflinePage is { } page)
        {
            return new(AcquireResult.ForOffline(page));
        }

        if (snapshot.Refusal is { } refusal)
        {
            return new(refusal);
        }

        var ready = snapshot.Ready;
        if (ready.Length > 0)
        {
            var first = WorkerBalancer.Pick(ready, snapshot.LoadBalancing, ref _roundRobin);
            for (var i = 0; i < ready.Length; i++)
            {
                var worker = ready[(first + i) % ready.Length];
                if (worker.TryAcquire())
                {
                    return new(AcquireResult.ForWorker(worker));
                }
            }
        }

        return WaitForWorkerAsync(cancellationToken);
    }

    /// <summary>Replaces every worker, overlapped; completes when the new ones took over, or failed to.</summary>
    public Task<RecycleResult> RecycleAsync(string reason)
    {
        var completion = new TaskCompletionSource<RecycleResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _commands.Writer.TryWrite(new PoolCommand.Recycle(reason, completion))
            ? completion.Task
            : Task.FromResult(new RecycleResult(false, "the application is shutting down"));
    }

    /// <summary>Starts the pool: clears rapid-fail protection or an operator's stop (IIS's Start).</summary>
    public Task StartAsync() => SetRunningAsync(true);

    /// <summary>Stops the pool until it is started: its workers stop gracefully, requests get 503 (IIS's Stop).</summary>
    public Task StopAsync() => SetRunningAsync(false);

    /// <summary>Applies a changed definition from a reload: new settings, and a recycle if the workers would differ.</summary>
    public void Reconfigure(ApplicationDefinition application)
    {
        ArgumentNullException.ThrowIfNull(application);
        _publishedApplication = application;
        Post(new PoolCommand.Reconfigure(application));
    }

    /// <summary>Stops every worker gracefully and starts no more, for good. Completes when all have exited.</summary>
    public Task ShutdownAsync()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _commands.Writer.TryWrite(new PoolCommand.Shutdown(completion)) ? completion.Task : _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _commands.Writer.TryComplete();
        await _loop;
        await _ticker.DisposeAsync();
        await _quietTimer.DisposeAsync();
        _watcher.Dispose();
        _stopping.Dispose();
    }

    private Task SetRunningAsync(bool running)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _commands.Writer.TryWrite(new PoolCommand.SetRunning(running, completion)) ? completion.Task : Task.CompletedTask;
    }

    private async ValueTask<AcquireResult> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<AcquireResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_commands.Writer.TryWrite(new PoolCommand.Acquire(waiter)))
        {
            return AcquireResult.ForStopping();
        }

        try
        {
            return await waiter.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (waiter.Task.IsCompletedSuccessfully && waiter.Task.Result.Worker is { } worker)
        {
            // The client left just as a worker was handed to it: give the request slot back.
            worker.OnRequestEnd();
            throw;
        }
    }

    private void Post(PoolCommand command) => _commands.Writer.TryWrite(command);

    private AppFolderWatcher WatchFolder(string folder) => new(
        folder,
        () => Post(new PoolCommand.AppOfflineChanged()),
        name => Post(new PoolCommand.FileChanged(name)),
        ex => LogWatcherFailed(_logger, _application.DisplayName, ex.Message));

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
                LogHandlerFailed(_logger, _application.DisplayName, command.GetType().Name, ex);
            }

            Publish();
            foreach (var complete in _afterPublish)
            {
                complete();
            }

            _afterPublish.Clear();
            CompleteShutdownIfDone();
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
                OnLaunched(launched.Worker, launched.Ticket);
                break;
            case PoolCommand.LaunchFailed failed:
                _startsInFlight.Remove(failed.Ticket);
                OnStartFailed(failed.Ticket, failed.Failure);
                break;
            case PoolCommand.StartCompleted completed:
                OnStartCompleted(completed.Worker, completed.Result, completed.Ticket);
                break;
            case PoolCommand.Exited exited:
                OnExited(exited.Worker, exited.Exit);
                break;
            case PoolCommand.AppOfflineChanged:
                OnAppOfflineChanged();
                break;
            case PoolCommand.FileChanged changed:
                OnFileChanged(changed.RelativePath);
                break;
            case PoolCommand.FolderQuiet:
                OnFolderQuiet();
                break;
            case PoolCommand.Tick:
                OnTick();
                break;
            case PoolCommand.HealthChecked checkedHealth:
                OnHealthChecked(checkedHealth.Worker, checkedHealth.Result);
                break;
            case PoolCommand.Recycle recycle:
                StartRecycle(recycle.Reason, recycle.Completion);
                break;
            case PoolCommand.Reconfigure reconfigure:
                OnReconfigure(reconfigure.Application);
                break;
            case PoolCommand.SetRunning setRunning:
                OnSetRunning(setRunning.Running);
                _afterPublish.Add(() => setRunning.Completion.TrySetResult());
                break;
            case PoolCommand.Shutdown shutdown:
                OnShutdown(shutdown.Completion);
                break;
        }
    }

    /// <summary>Reads web.config again (it may have changed) and applies eyrie.json's overrides; null and the reason if invalid.</summary>
    private (AspNetCoreSettings? Settings, WorkerFailure? Failure) ResolveSettings(ApplicationDefinition application)
    {
        var diagnostics = new DiagnosticBag();
        var settings = AspNetCoreSettingsResolver.Resolve(application.PhysicalPath, application.Overrides, diagnostics);
        if (settings is null)
        {
            var message = string.Join(Environment.NewLine, diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error));
            LogConfigurationInvalid(_logger, application.DisplayName, message);
            return (null, new WorkerFailure(WorkerFailureKind.ConfigurationInvalid, message, null, null, null, _services.Time.GetUtcNow()));
        }

        if (settings.HostingModel == HostingModel.InProcess && !_toldInProcess)
        {
            _toldInProcess = true;
            LogInProcess(_logger, application.DisplayName);
        }

        return (settings, null);
    }

    private void OnSetRunning(bool running)
    {
        if (_shutDown)
        {
            return;
        }

        if (running)
        {
            if (_failed || _stoppedByOperator)
            {
                LogStarted(_logger, _application.DisplayName);
            }

            _failed = false;
            _stoppedByOperator = false;
            _failures.Clear();
            _rapidFails = new RapidFailCounter(_services.Time);
            _active = _poolSettings.StartMode == StartMode.AlwaysRunning;
            EnsureWorkers();
            return;
        }

        if (!_stoppedByOperator)
        {
            _stoppedByOperator = true;
            LogStoppedByOperator(_logger, _application.DisplayName);
            TakeOutOfService(AcquireResult.ForUnavailable(null, _poolSettings.RefuseAtTcpLevel));
        }
    }

    /// <summary>Stops every worker and recycle, answers the waiting requests with <paramref name="answer"/>.</summary>
    private void TakeOutOfService(AcquireResult answer)
    {
        _active = false;
        if (_rotation is { } rotation)
        {
            AbortRotation(rotation, "the pool was taken out of service");
        }

        FailPendingRecycle("the pool was taken out of service");
        FailWaiters(answer);
        foreach (var member in _members)
        {
            DrainAndStop(member);
        }
    }

    private void OnShutdown(TaskCompletionSource completion)
    {
        _shutdownCompletions.Add(completion);
        if (_shutDown)
        {
            return;
        }

        _shutDown = true;
        LogPoolStopping(_logger, _application.DisplayName);
        _stopping.Cancel();
        _ticker.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        TakeOutOfService(AcquireResult.ForStopping());
    }

    /// <summary>A shutdown is done when no worker process is left and no start is under way.</summary>
    private void CompleteShutdownIfDone()
    {
        if (!_shutDown || _startsInFlight.Count > 0 || _members.Count > 0 || _shutdownCompletions.Count == 0)
        {
            return;
        }

        foreach (var completion in _shutdownCompletions)
        {
            completion.TrySetResult();
        }

        _shutdownCompletions.Clear();
    }

    private void Publish()
    {
        var ready = _members.Where(m => m.InRotation && m.Worker.State == WorkerState.Ready).Select(m => m.Worker).ToArray();
        _snapshot = new PoolSnapshot(ready, _offlinePage, Refusal(), _settings, _poolSettings.LoadBalancing);
        _allWorkers = [.. _members.Select(m => m.Worker)];
        var state = _shutDown ? WorkerPoolState.ShutDown
            : _stoppedByOperator ? WorkerPoolState.Stopped
            : _failed ? WorkerPoolState.Failed
            : _offlinePage is not null ? WorkerPoolState.Offline
            : _rotation is { IsFullRecycle: true } ? WorkerPoolState.Recycling
            : ready.Length > 0 ? WorkerPoolState.Running
            : _startsInFlight.Count > 0 || _members.Any(m => m.Worker.State == WorkerState.Starting) ? WorkerPoolState.Starting
            : _settings is { } s && _rapidFails.IsExceeded(s.RapidFailsPerMinute) ? WorkerPoolState.RapidFailProtected
            : WorkerPoolState.Idle;
        _status = new PoolStatus(
            _application.DisplayName,
            state,
            _generation,
            [.. _members.Select(m => new WorkerStatus(
                m.Worker.Id,
                m.Worker.ProcessId,
                m.Worker.Port,
                m.Worker.State,
                m.Generation,
                m.InRotation,
                m.Worker.StartedAt,
                m.Worker.ReadyAt,
                m.Worker.ActiveRequests,
                m.Worker.RequestCount,
                m.Sample?.ResidentKb,
                m.Sample?.PrivateKb,
                m.Sample is null ? null : Math.Round(m.CpuPercent, 1)))],
            _waiters.Count,
            _lastFailure,
            _lastRecycle,
            _restarts,
            _lastExit);
    }
}
