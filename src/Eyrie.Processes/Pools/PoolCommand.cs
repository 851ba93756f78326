using Eyrie.Processes.Health;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>
/// The triggers of a pool's state machine. Everything that changes a pool arrives as one of these on
/// its channel and is handled, one at a time, by its loop.
/// </summary>
internal abstract record PoolCommand
{
    /// <summary>A request found no ready worker and waits for one.</summary>
    public sealed record Acquire(TaskCompletionSource<AcquireResult> Waiter) : PoolCommand;

    /// <summary>A worker process was created and is starting.</summary>
    public sealed record Launched(Worker Worker, StartTicket Ticket) : PoolCommand;

    /// <summary>A worker could not even be created (bad configuration, program missing).</summary>
    public sealed record LaunchFailed(WorkerFailure Failure, StartTicket Ticket) : PoolCommand;

    /// <summary>A starting worker became ready (and passed its health check), or failed to.</summary>
    public sealed record StartCompleted(Worker Worker, StartupResult Result, StartTicket Ticket) : PoolCommand;

    /// <summary>A worker process exited.</summary>
    public sealed record Exited(Worker Worker, WorkerExit Exit) : PoolCommand;

    /// <summary>app_offline.htm may have appeared, changed or gone.</summary>
    public sealed record AppOfflineChanged : PoolCommand;

    /// <summary>A file of the app folder changed (its path relative to the folder).</summary>
    public sealed record FileChanged(string RelativePath) : PoolCommand;

    /// <summary>The app folder has been quiet for the quiet period since the last change.</summary>
    public sealed record FolderQuiet : PoolCommand;

    /// <summary>Once a second: idle timeout, periodic restarts, schedule, health checks, resource samples.</summary>
    public sealed record Tick : PoolCommand;

    /// <summary>A health check of a ready worker ended.</summary>
    public sealed record HealthChecked(Worker Worker, HealthCheckResult Result) : PoolCommand;

    /// <summary>Replace every worker, overlapped.</summary>
    public sealed record Recycle(string Reason, TaskCompletionSource<RecycleResult>? Completion) : PoolCommand;

    /// <summary>The application's definition changed in a reload.</summary>
    public sealed record Reconfigure(ApplicationDefinition Application) : PoolCommand;

    /// <summary>An operator starts the pool (clearing rapid-fail protection) or stops it.</summary>
    public sealed record SetRunning(bool Running, TaskCompletionSource Completion) : PoolCommand;

    /// <summary>Stop every worker and start no more (Eyrie is stopping, or the application was removed).</summary>
    public sealed record Shutdown(TaskCompletionSource Completion) : PoolCommand;
}
