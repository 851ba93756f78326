using Eyrie.Processes.Pools;
using Eyrie.Processes.Workers;

namespace Eyrie.Server.Admin;

/// <summary>An application as status output shows it: its pool's state, workers, traffic and what last went wrong.</summary>
/// <param name="Name">Its name for the API and the CLI: <c>site/path</c>.</param>
/// <param name="Path">Its virtual path.</param>
/// <param name="PhysicalPath">Its folder, for an app Eyrie starts.</param>
/// <param name="WebFarm">The farm it forwards to, instead.</param>
/// <param name="State">Its pool's state (Idle, Starting, Running, Recycling, Stopped, Failed, Offline, …), or Farm.</param>
/// <param name="Generation">The serving generation of workers.</param>
/// <param name="QueuedRequests">Requests waiting for a worker.</param>
/// <param name="RequestsInFlight">Requests being served now.</param>
/// <param name="RequestsPerSecond">Over the last second.</param>
/// <param name="AverageMilliseconds">Mean duration of the last second's requests.</param>
/// <param name="Requests">Requests answered since Eyrie started.</param>
/// <param name="Errors">Of those, answers with a 5xx status.</param>
/// <param name="Restarts">Workers replaced after a crash.</param>
/// <param name="LastExit">The last worker that exited.</param>
/// <param name="LastFailure">The last failure to start, crash, or why the pool stopped, with the app's output.</param>
/// <param name="LastRecycle">The last recycle.</param>
/// <param name="Workers">Its workers now.</param>
public sealed record ApplicationStatus(
    string Name,
    string Path,
    string? PhysicalPath,
    string? WebFarm,
    string State,
    int Generation,
    int QueuedRequests,
    int RequestsInFlight,
    double RequestsPerSecond,
    double AverageMilliseconds,
    long Requests,
    long Errors,
    int Restarts,
    WorkerExitRecord? LastExit,
    WorkerFailure? LastFailure,
    RecycleRecord? LastRecycle,
    IReadOnlyList<WorkerSummary> Workers);
