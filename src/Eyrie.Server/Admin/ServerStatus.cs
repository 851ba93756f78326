namespace Eyrie.Server.Admin;

/// <summary>Eyrie's own process, as status output shows it.</summary>
/// <param name="Version">Eyrie's version.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="UptimeSeconds">Seconds since then.</param>
/// <param name="ConfigFile">The eyrie.json it runs, or null for <c>eyrie host</c>.</param>
/// <param name="ResidentKb">Its memory in RAM, KB.</param>
/// <param name="CpuSeconds">CPU time it used, seconds.</param>
/// <param name="LastReload">The last reload's outcome, if any.</param>
public sealed record ServerStatus(
    string Version,
    int ProcessId,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string? ConfigFile,
    long ResidentKb,
    double CpuSeconds,
    ReloadStatus? LastReload);
