using Microsoft.Extensions.Hosting.Systemd;

namespace Eyrie.Server.Systemd;

/// <summary>Whether Eyrie was started by systemd, and so should notify it and log in journald's format.</summary>
public static class SystemdEnvironment
{
    /// <summary>The datagram socket systemd listens on for sd_notify messages (Type=notify, notify-reload).</summary>
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    /// <summary>
    /// True when systemd started Eyrie as a service. The library (10.0) recognises a systemd parent or a PID 1
    /// with systemd's variables; a set NOTIFY_SOCKET is systemd asking for notifications, whoever the parent is
    /// (a wrapper between them, a container runtime), and is what later versions of the library honour too.
    /// </summary>
    public static bool IsService() =>
        SystemdHelpers.IsSystemdService() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NotifySocketVariable));
}
