namespace Eyrie.Server.Admin;

/// <summary>A worker as status output shows it.</summary>
public sealed record WorkerSummary(
    int Id,
    int ProcessId,
    int Port,
    string State,
    int Generation,
    bool InRotation,
    DateTimeOffset StartedAt,
    DateTimeOffset? ReadyAt,
    double UptimeSeconds,
    int ActiveRequests,
    long Requests,
    long? ResidentKb,
    long? PrivateKb,
    double? CpuPercent);
