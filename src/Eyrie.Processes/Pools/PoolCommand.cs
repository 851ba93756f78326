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
    public sealed record Launched(Worker Worker) : PoolCommand;

    /// <summary>A worker could not even be created (bad configuration, program missing).</summary>
    public sealed record LaunchFailed(WorkerFailure Failure) : PoolCommand;

    /// <summary>A starting worker became ready, or failed to.</summary>
    public sealed record StartCompleted(Worker Worker, StartupResult Result) : PoolCommand;

    /// <summary>A worker process exited.</summary>
    public sealed record Exited(Worker Worker, WorkerExit Exit) : PoolCommand;

    /// <summary>app_offline.htm may have appeared, changed or gone.</summary>
    public sealed record AppOfflineChanged : PoolCommand;

    /// <summary>web.config or a recycleOnFileChange file changed.</summary>
    public sealed record FilesChanged(string FileName) : PoolCommand;

    /// <summary>Stop every worker and start no more (Eyrie is stopping, or the application was removed).</summary>
    public sealed record Stop(TaskCompletionSource Completion) : PoolCommand;
}
