using System.Globalization;
using System.Net.Sockets;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Server.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Systemd;

/// <summary>
/// Tells systemd what Eyrie is doing, beyond the READY=1 and STOPPING=1 that the library's
/// <see cref="SystemdLifetime"/> sends when the host has started and when its stop begins: a STATUS line, and
/// RELOADING=1 then READY=1 around every reload, which is what <c>Type=notify-reload</c> (systemd 253+) waits
/// for after its SIGHUP. The library has no message for a reload, so it is sent as a custom
/// <see cref="ServiceState"/> through the library's notifier. Without a notifier (not under systemd) every
/// call does nothing.
/// </summary>
public sealed partial class SystemdNotifications(ConfigurationSource configuration, TimeProvider time, ILogger<SystemdNotifications> logger, ISystemdNotifier? notifier = null)
{
    private readonly Lock _stoppingLock = new();
    private bool _stopping;
    private int _failureLogged;

    /// <summary>Eyrie serves: every listener is bound and the admin socket is up.</summary>
    public void Started() => Send("STATUS=" + Serving());

    /// <summary>A reload starts. MONOTONIC_USEC tells systemd that this RELOADING=1 answers its SIGHUP, not an older one.</summary>
    public void Reloading() =>
        Send($"RELOADING=1\nMONOTONIC_USEC={MonotonicMicroseconds().ToString(CultureInfo.InvariantCulture)}\nSTATUS=reloading the configuration");

    /// <summary>A reload has finished, applied or not: Eyrie serves again (the last good configuration if rejected).</summary>
    public void Reloaded(ReloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var status = result.Applied ? Serving()
            : errors > 0 ? $"reload rejected: {errors} error{(errors == 1 ? "" : "s")}; {Serving()}"
            : $"reload not applied; {Serving()}";

        // Once STOPPING=1 is sent, READY=1 would tell systemd the stop was undone. Stopping() runs before the
        // library's STOPPING=1 (see its remarks), and the lock keeps a READY=1 from slipping in between.
        lock (_stoppingLock)
        {
            if (!_stopping)
            {
                Send("READY=1\nSTATUS=" + status);
            }
        }
    }

    /// <summary>
    /// The stop has begun. Register it after the host has started: stopping callbacks run newest first, so it then
    /// runs before the library's, which sends STOPPING=1.
    /// </summary>
    public void Stopping()
    {
        lock (_stoppingLock)
        {
            _stopping = true;
        }

        Send("STATUS=stopping: draining requests, then stopping workers");
    }

    /// <summary>CLOCK_MONOTONIC in microseconds: the system TimeProvider's timestamp is that clock on Linux.</summary>
    private long MonotonicMicroseconds() => (long)((Int128)time.GetTimestamp() * 1_000_000 / time.TimestampFrequency);

    private string Serving()
    {
        var config = configuration.Current.Config;
        var sites = config.Sites.Count;
        var applications = config.Sites.Sum(s => s.Applications.Count);
        return $"serving {sites} site{(sites == 1 ? "" : "s")}, {applications} application{(applications == 1 ? "" : "s")}";
    }

    private void Send(string state)
    {
        if (notifier is not { IsEnabled: true })
        {
            return;
        }

        try
        {
            notifier.Notify(new ServiceState(state));
        }
        catch (SocketException ex)
        {
            // A lost status line must never stop a reload or a shutdown; say so once.
            if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
            {
                LogNotifyFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = EventIds.SystemdNotifyFailed, Level = LogLevel.Warning, Message = "Cannot notify systemd ({Reason}); Eyrie goes on serving")]
    private static partial void LogNotifyFailed(ILogger logger, string reason);
}
