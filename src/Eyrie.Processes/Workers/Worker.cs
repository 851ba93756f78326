using System.Diagnostics;
using System.Globalization;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Output;
using Eyrie.Processes.Readiness;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Workers;

/// <summary>
/// One backend process: its port and token, its state, its output, and how it ends. State changes that
/// the request path must see at once (ready, exited) are made here with atomic writes; the pool decides
/// everything else.
/// </summary>
public sealed partial class Worker
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly bool _signalGroup;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _stopLock = new();
    private Task? _stopTask;
    private int _state;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _activeRequests;
    private long _requestCount;
    private long _lastActivity;
    private volatile bool _stopRequested;

    internal Worker(int id, string application, string virtualPath, AspNetCoreSettings settings, WorkerLaunchPlan plan, Process process, WorkerOutput output, bool signalGroup, TimeProvider time, ILogger logger)
    {
        Id = id;
        Settings = settings;
        Application = application;
        VirtualPath = virtualPath;
        Plan = plan;
        _process = process;
        ProcessId = process.Id;
        Output = output;
        _signalGroup = signalGroup;
        _time = time;
        _logger = logger;
        StartedAt = time.GetUtcNow();
        _lastActivity = time.GetTimestamp();
        DestinationPrefix = "http://127.0.0.1:" + plan.Port.ToString(CultureInfo.InvariantCulture) + "/";
        Exited = WatchExitAsync();
    }

    /// <summary>Sequence number within its pool (1, 2, …), for status output.</summary>
    public int Id { get; }

    /// <summary>The application's display name, <c>site/path</c>.</summary>
    public string Application { get; }

    public string VirtualPath { get; }

    public int ProcessId { get; }

    public WorkerLaunchPlan Plan { get; }

    /// <summary>The settings it was started with (its request timeout, shutdown limit, error-page choices).</summary>
    public AspNetCoreSettings Settings { get; }

    public int Port => Plan.Port;

    public string Token => Plan.Token;

    /// <summary>Where requests are forwarded: <c>http://127.0.0.1:{port}/</c>.</summary>
    public string DestinationPrefix { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? ReadyAt { get; private set; }

    public WorkerOutput Output { get; }

    public WorkerState State => (WorkerState)Volatile.Read(ref _state);

    /// <summary>Completes when the process exits.</summary>
    public Task<WorkerExit> Exited { get; }

    /// <summary>Requests being forwarded to this worker right now.</summary>
    public int ActiveRequests => Volatile.Read(ref _activeRequests);

    /// <summary>Requests forwarded to this worker so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>When a request last started or ended here (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    /// <summary>Completes once the worker is out of rotation and has no request left.</summary>
    public Task Drained => _drained.Task;

    public override string ToString() => $"{Application} worker {Id} (pid {ProcessId}, port {Port})";

    /// <summary>
    /// Takes a request for this worker if it is still in rotation; pair a success with <see cref="OnRequestEnd"/>.
    /// The count goes up before the state is read, and <see cref="TryDrain"/> changes the state before it reads
    /// the count, so a request is never sent to a worker that its pool has already seen drained.
    /// </summary>
    public bool TryAcquire()
    {
        Interlocked.Increment(ref _activeRequests);
        if (State != WorkerState.Ready)
        {
            OnRequestEnd();
            return false;
        }

        Interlocked.Increment(ref _requestCount);
        Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
        return true;
    }

    public void OnRequestEnd()
    {
        Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
        if (Interlocked.Decrement(ref _activeRequests) == 0 && State == WorkerState.Draining)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until the worker listens on its port (ready), exits, or exceeds <paramref name="limit"/>
    /// (killed). Polled, as ANCM does, because nothing signals "now listening".
    /// </summary>
    internal async Task<StartupResult> WaitUntilReadyAsync(TimeSpan limit, IListenerProbe probe, CancellationToken cancellationToken)
    {
        var deadline = StartedAt + limit;
        var interval = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (Exited.IsCompleted)
            {
                var exit = await Exited;
                return Fail(WorkerFailureKind.ExitedDuringStartup, $"The process exited before it listened on port {Port} ({exit.Description}).", exit.ExitCode);
            }

            var status = await probe.ProbeAsync(ProcessId, Port, cancellationToken);
            if (status == ListenerStatus.Listening && Interlocked.CompareExchange(ref _state, (int)WorkerState.Ready, (int)WorkerState.Starting) == (int)WorkerState.Starting)
            {
                ReadyAt = _time.GetUtcNow();
                return StartupResult.Ready;
            }

            if (status == ListenerStatus.ListeningByOtherProcess)
            {
                Kill();
                return Fail(WorkerFailureKind.PortOwnedByOtherProcess, $"Port {Port} is held by another process, not by the app it was given to.", null);
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero || State != WorkerState.Starting)
            {
                Kill();
                return Fail(WorkerFailureKind.StartupTimeout,
                    $"The process did not listen on port {Port} within startupTimeLimit ({limit.TotalSeconds:0} s) and was killed.", null);
            }

            var wait = remaining < interval ? remaining : interval;
            await Task.WhenAny(Exited, Task.Delay(wait, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }

    /// <summary>Takes a ready worker out of rotation; it keeps serving the requests it has (see <see cref="Drained"/>).</summary>
    internal bool TryDrain()
    {
        if (Interlocked.CompareExchange(ref _state, (int)WorkerState.Draining, (int)WorkerState.Ready) != (int)WorkerState.Ready)
        {
            return false;
        }

        if (Volatile.Read(ref _activeRequests) == 0)
        {
            _drained.TrySetResult();
        }

        return true;
    }

    /// <summary>
    /// Stops the worker gracefully (iis-ancm.md §2.9): the shutdown message, SIGTERM if it was not
    /// accepted, and SIGKILL to its whole process group once <paramref name="timeLimit"/> has passed.
    /// Safe to call more than once; every caller waits for the same stop.
    /// </summary>
    public Task StopAsync(TimeSpan timeLimit, WorkerShutdownClient shutdown)
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopCoreAsync(timeLimit, shutdown);
        }
    }

    /// <summary>Kills the worker's process group at once (startup timeout, port owned by another).</summary>
    internal void Kill()
    {
        _stopRequested = true;
        SetStopping();
        Signal(ProcessSignals.SigKill);
    }

    private async Task StopCoreAsync(TimeSpan timeLimit, WorkerShutdownClient shutdown)
    {
        _stopRequested = true;
        if (Exited.IsCompleted)
        {
            return;
        }

        SetStopping();
        var deadline = _time.GetUtcNow() + timeLimit;
        if (timeLimit > TimeSpan.Zero)
        {
            var status = await shutdown.SendAsync(Port, VirtualPath, Token, timeLimit);
            LogShutdownMessage(_logger, this, WorkerShutdownClient.Describe(status));
            if (!WorkerShutdownClient.IsAccepted(status) && !Exited.IsCompleted)
            {
                Signal(ProcessSignals.SigTerm);
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.WhenAny(Exited, Task.Delay(remaining, _time));
            }
        }

        if (!Exited.IsCompleted)
        {
            LogKilled(_logger, this, timeLimit.TotalSeconds);
            Signal(ProcessSignals.SigKill);
            if (await Task.WhenAny(Exited, Task.Delay(KillWait, _time)) != Exited)
            {
                LogStopTimedOut(_logger, this);
            }
        }
    }

    private void SetStopping()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _state);
            if (current == (int)WorkerState.Exited)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _state, (int)WorkerState.Stopping, current) != current);
    }

    private void Signal(int signal)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        // The pid is still ours here: the process has not been reaped, so it cannot have been reused.
        var sent = (_signalGroup && ProcessSignals.SendToGroup(ProcessId, signal)) || ProcessSignals.SendToProcess(ProcessId, signal);
        if (!sent && signal == ProcessSignals.SigKill && !Exited.IsCompleted)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
    }

    private async Task<WorkerExit> WatchExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        var exit = new WorkerExit(_process.ExitCode, _stopRequested, _time.GetUtcNow());
        Volatile.Write(ref _state, (int)WorkerState.Exited);

        // A worker that leaves children behind in its group (a launcher script, say) takes them along.
        // Only the group is signalled: the pid itself may already belong to another process.
        if (_signalGroup)
        {
            ProcessSignals.SendToGroup(ProcessId, ProcessSignals.SigKill);
        }

        _process.Dispose();
        return exit;
    }

    private StartupResult Fail(WorkerFailureKind kind, string message, int? exitCode) =>
        new(new WorkerFailure(kind, message, Plan.CommandLine, exitCode, null, _time.GetUtcNow()));

    [LoggerMessage(EventId = EventIds.ShutdownMessageSent, Level = LogLevel.Information, Message = "Sent the shutdown message to {Worker}: {Answer}")]
    private static partial void LogShutdownMessage(ILogger logger, Worker worker, string answer);

    [LoggerMessage(EventId = EventIds.WorkerKilled, Level = LogLevel.Warning, Message = "{Worker} did not stop within shutdownTimeLimit ({Seconds} s); killing its process group")]
    private static partial void LogKilled(ILogger logger, Worker worker, double seconds);

    [LoggerMessage(EventId = EventIds.StopTimedOut, Level = LogLevel.Error, Message = "{Worker} has not exited 10 s after SIGKILL")]
    private static partial void LogStopTimedOut(ILogger logger, Worker worker);
}
