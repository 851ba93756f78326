using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>One worker as status output shows it.</summary>
/// <param name="Id">Its number within the pool.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="Port">The port it listens on.</param>
/// <param name="State">Its state.</param>
/// <param name="Generation">Its generation: a full recycle starts the next.</param>
/// <param name="InRotation">Whether it gets requests.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="ReadyAt">When it became ready, if it did.</param>
/// <param name="ActiveRequests">Requests in progress.</param>
/// <param name="Requests">Requests served.</param>
/// <param name="ResidentKb">Memory in RAM, KB (Linux).</param>
/// <param name="PrivateKb">Private memory, KB (Linux).</param>
/// <param name="CpuPercent">CPU use over the last second, percent of one CPU (Linux).</param>
public sealed record WorkerStatus(
    int Id,
    int ProcessId,
    int Port,
    WorkerState State,
    int Generation,
    bool InRotation,
    DateTimeOffset StartedAt,
    DateTimeOffset? ReadyAt,
    int ActiveRequests,
    long Requests,
    long? ResidentKb,
    long? PrivateKb,
    double? CpuPercent);
