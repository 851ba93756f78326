using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>A pool as status output shows it: its state, its workers and what last went wrong.</summary>
/// <param name="Application">The application, <c>site/path</c>.</param>
/// <param name="State">What the pool is doing.</param>
/// <param name="Generation">The serving generation.</param>
/// <param name="Workers">Every worker that exists now.</param>
/// <param name="QueuedRequests">Requests waiting for a worker.</param>
/// <param name="LastFailure">The last failure to start, crash, or the reason the pool stopped.</param>
/// <param name="LastRecycle">The last recycle: when, why, and how it ended.</param>
/// <param name="Restarts">Workers replaced after a crash since Eyrie started.</param>
/// <param name="LastExit">The last worker that exited, and why.</param>
public sealed record PoolStatus(
    string Application,
    WorkerPoolState State,
    int Generation,
    IReadOnlyList<WorkerStatus> Workers,
    int QueuedRequests,
    WorkerFailure? LastFailure,
    RecycleRecord? LastRecycle,
    int Restarts,
    WorkerExitRecord? LastExit)
{
    public static PoolStatus Initial(string application) => new(application, WorkerPoolState.Idle, 1, [], 0, null, null, 0, null);
}
