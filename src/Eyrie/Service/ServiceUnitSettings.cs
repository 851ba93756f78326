namespace Eyrie.Service;

/// <summary>What a systemd unit for Eyrie says: everything <see cref="SystemdUnit"/> needs, found by <c>eyrie service install</c>.</summary>
/// <param name="Name">The unit's name without ".service"; also its runtime folder under /run.</param>
/// <param name="ExecStart">The program and arguments that run <c>eyrie serve</c>, absolute.</param>
/// <param name="ConfigFile">The absolute path of eyrie.json.</param>
/// <param name="WorkingDirectory">The folder Eyrie runs in: eyrie.json's.</param>
/// <param name="ReadWritePaths">What stays writable under ProtectSystem=strict.</param>
/// <param name="StopTimeout">How long systemd lets a stop take before it kills what is left.</param>
/// <param name="SystemdVersion">The systemd the unit is for: 253 and later know Type=notify-reload.</param>
/// <param name="User">The account Eyrie and its workers run as; root when null.</param>
/// <param name="Group">Its group; the user's own when null.</param>
/// <param name="SearchPath">PATH for Eyrie and its workers when systemd's default would not find dotnet; null to keep systemd's.</param>
/// <param name="PrivateTmp">A private /tmp; off when the configuration or an application is under /tmp, which it would hide.</param>
internal sealed record ServiceUnitSettings(
    string Name,
    IReadOnlyList<string> ExecStart,
    string ConfigFile,
    string WorkingDirectory,
    IReadOnlyList<string> ReadWritePaths,
    TimeSpan StopTimeout,
    int SystemdVersion,
    string? User = null,
    string? Group = null,
    string? SearchPath = null,
    bool PrivateTmp = true)
{
    /// <summary>The first systemd with Type=notify-reload.</summary>
    public const int NotifyReloadVersion = 253;

    /// <summary>Debian 12's: what is assumed when the version cannot be found.</summary>
    public const int DefaultVersion = 252;
}
