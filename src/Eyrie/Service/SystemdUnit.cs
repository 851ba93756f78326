using System.Globalization;
using System.Text;

namespace Eyrie.Service;

/// <summary>The text of a hardened systemd service unit that runs Eyrie (systemd.service(5), systemd.exec(5)).</summary>
internal static class SystemdUnit
{
    /// <summary>Where systemd looks for programs when a unit sets no PATH (systemd.exec(5), "Environment variables").</summary>
    public static readonly IReadOnlyList<string> DefaultSearchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string Render(ServiceUnitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var notifyReload = settings.SystemdVersion >= ServiceUnitSettings.NotifyReloadVersion;
        var unit = new StringBuilder();
        void Line(string text = "") => unit.Append(text).Append('\n');

        Line($"# {settings.Name}.service, written by `eyrie service install`. Change it with `systemctl edit {settings.Name}`");
        Line("# (a drop-in that installing again leaves alone).");
        Line("[Unit]");
        Line($"Description=Eyrie, front end and process manager for ASP.NET Core apps ({Specifiers(settings.ConfigFile)})");
        Line("After=network-online.target");
        Line("Wants=network-online.target");
        Line();
        Line("[Service]");
        Line("# Eyrie tells systemd when it serves (every listener bound), when it reloads and when it stops.");
        if (notifyReload)
        {
            Line("# `systemctl reload` sends SIGHUP and waits for Eyrie's RELOADING=1 and READY=1.");
            Line("Type=notify-reload");
            Line("ExecStart=" + string.Join(' ', settings.ExecStart.Select(Argument)));
        }
        else
        {
            Line("Type=notify");
            Line("ExecStart=" + string.Join(' ', settings.ExecStart.Select(Argument)));
            Line($"# systemd {settings.SystemdVersion.ToString(CultureInfo.InvariantCulture)} has no Type=notify-reload (253 and later: use it, without ExecReload=).");
            Line("# Eyrie reloads on SIGHUP and reports RELOADING=1, then READY=1, either way.");
            Line("ExecReload=/bin/kill -HUP $MAINPID");
        }

        Line("WorkingDirectory=" + Single(settings.WorkingDirectory));
        if (settings.User is { } user)
        {
            Line("User=" + user);
        }

        if (settings.Group is { } group)
        {
            Line("Group=" + group);
        }

        if (settings.SearchPath is { } searchPath)
        {
            Line("# Where `dotnet` is, for Eyrie and the applications it starts.");
            Line("Environment=" + Path("PATH=" + searchPath));
        }

        Line("Restart=on-failure");
        Line("RestartSec=2s");
        Line("# Eyrie drains its listeners and stops its workers gracefully itself: SIGTERM goes to Eyrie alone, and");
        Line("# only what is left when TimeoutStopSec has passed gets SIGKILL.");
        Line("KillMode=mixed");
        Line($"TimeoutStopSec={Math.Ceiling(settings.StopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s");
        Line("LimitNOFILE=1048576");
        Line($"# The admin socket (`eyrie reload`, `eyrie app …`) is in /run/{settings.Name}.");
        Line($"RuntimeDirectory={settings.Name}");
        Line();
        Line("# Ports below 1024 without root, and no other privilege.");
        Line("CapabilityBoundingSet=CAP_NET_BIND_SERVICE");
        Line("AmbientCapabilities=CAP_NET_BIND_SERVICE");
        Line("NoNewPrivileges=yes");
        Line("# The file system is read-only but for the configuration folder (eyrie.json edits, access logs), the");
        Line("# application folders (stdout logs, app data) and the user's home (ASP.NET Core's data protection keys).");
        Line("# A folder that is missing ('-') is skipped rather than failing the start.");
        Line("ProtectSystem=strict");
        Line("ProtectHome=read-only");
        Line("ReadWritePaths=" + string.Join(' ', settings.ReadWritePaths.Select(p => Path("-" + p))));
        Line(settings.PrivateTmp ? "PrivateTmp=yes" : "# No PrivateTmp=: it would hide the configuration or an application, which are under /tmp.");
        Line("PrivateDevices=yes");
        Line("ProtectKernelTunables=yes");
        Line("ProtectKernelModules=yes");
        Line("ProtectKernelLogs=yes");
        Line("ProtectControlGroups=yes");
        Line("ProtectClock=yes");
        Line("ProtectHostname=yes");
        Line("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK");
        Line("RestrictNamespaces=yes");
        Line("RestrictRealtime=yes");
        Line("RestrictSUIDSGID=yes");
        Line("LockPersonality=yes");
        Line("SystemCallArchitectures=native");
        Line("# No MemoryDenyWriteExecute=: .NET's JIT writes machine code and then runs it.");
        Line();
        Line("[Install]");
        Line("WantedBy=multi-user.target");
        return unit.ToString();
    }

    /// <summary>One ExecStart= word: '$' would expand a variable and '%' a specifier; whitespace and quotes need quoting.</summary>
    public static string Argument(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Quote(Specifiers(value).Replace("$", "$$", StringComparison.Ordinal));
    }

    /// <summary>A path in a setting that takes a list of words (ReadWritePaths=, Environment=) or a single path.</summary>
    public static string Path(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Quote(Specifiers(value));
    }

    /// <summary>A setting whose value is the rest of the line (WorkingDirectory=): no quoting, only specifiers.</summary>
    public static string Single(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NoLineBreak(Specifiers(value));
    }

    private static string NoLineBreak(string value) => value.Any(c => c is '\n' or '\r')
        ? throw new ArgumentException("a line break cannot be written in a unit file", nameof(value))
        : value;

    private static string Specifiers(string value) => value.Replace("%", "%%", StringComparison.Ordinal);

    private static string Quote(string value)
    {
        _ = NoLineBreak(value);
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or ';'))
        {
            return value;
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
