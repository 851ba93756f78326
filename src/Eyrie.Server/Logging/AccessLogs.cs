using System.Diagnostics.Metrics;
using Eyrie.Configuration;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Telemetry;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Logging;

/// <summary>
/// Every site's access log. Follows configuration applies: a site keeps its log (and its file) across reloads
/// and takes new settings at commit; a new site gets one; a removed site's is written out and closed. Also the
/// status of each for the admin API, and the meter's <c>eyrie.access_log.*</c> counters.
/// </summary>
public sealed class AccessLogs : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Dictionary<string, AccessLog> _logs = new(StringComparer.OrdinalIgnoreCase);
    private long _withoutSite;

    public AccessLogs(TimeProvider time, IMeterFactory meters, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = time;
        _logger = loggers.CreateLogger<AccessLog>();
        // The factory owns the meter (EdgeMetrics shares it) and disposes it.
        var meter = meters.Create(EdgeMetrics.MeterName);
        meter.CreateObservableCounter("eyrie.access_log.dropped_lines", () => Measure(l => l.LinesDropped), "{line}", "Access log lines lost, by site: the buffer was full or the disk refused them.");
        meter.CreateObservableCounter("eyrie.access_log.written_lines", () => Measure(l => l.LinesWritten), "{line}", "Access log lines written, by site.");
        meter.CreateObservableCounter("eyrie.access_log.requests_without_site", () => Interlocked.Read(ref _withoutSite), "{request}", "Requests answered before a site was chosen (400 Invalid Hostname, bad headers), which IIS logs in HTTPERR and Eyrie does not log.");
    }

    /// <summary>Requests answered with no site (IIS logs those in HTTPERR, not in a site's log): counted, not logged.</summary>
    public long RequestsWithoutSite => Interlocked.Read(ref _withoutSite);

    /// <summary>Logs a finished request in its site's log. Never throws and never waits for the disk.</summary>
    public void Log(EdgeRequest request, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Site is not { } site)
        {
            Interlocked.Increment(ref _withoutSite);
            return;
        }

        site.AccessLog?.Log(request, elapsed);
    }

    public IReadOnlyList<AccessLogStatus> Status() =>
        [.. _logs.Values.Select(l => l.Status()).OrderBy(s => s.Site, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The logs <paramref name="loaded"/> needs: running ones kept by site name, new ones created. Changes nothing running.</summary>
    public AccessLogPlan Prepare(LoadedConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var sites = new Dictionary<string, (AccessLog, AccessLogSettings)>(StringComparer.OrdinalIgnoreCase);
        var created = new List<AccessLog>();
        foreach (var site in loaded.Config.Sites)
        {
            if (AccessLogSettings.For(loaded, site, _time.LocalTimeZone) is not { } settings)
            {
                continue;
            }

            if (!_logs.TryGetValue(site.Name, out var log))
            {
                log = new AccessLog(settings, _time, _logger);
                created.Add(log);
            }

            sites[site.Name] = (log, settings);
        }

        return new AccessLogPlan(sites, created);
    }

    /// <summary>Makes the plan current (after the routing table that names its logs is in place); removed sites' logs are written out and closed.</summary>
    public async Task CommitAsync(AccessLogPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var next = new Dictionary<string, AccessLog>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, (log, settings)) in plan.Sites)
        {
            if (log.Settings != settings)
            {
                log.Reconfigure(settings);
            }

            next[name] = log;
        }

        var removed = _logs.Values.Where(l => !next.ContainsValue(l)).ToList();
        _logs = next;
        foreach (var log in removed)
        {
            await log.DisposeAsync();
        }
    }

    /// <summary>Drops a plan that will not be applied: its new logs are closed (they have written nothing).</summary>
    public static async Task DiscardAsync(AccessLogPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var log in plan.Created)
        {
            await log.DisposeAsync();
        }
    }

    /// <summary>Writes what every log holds and closes them (Eyrie is stopping; no request is left).</summary>
    public async Task StopAsync()
    {
        var logs = _logs.Values.ToList();
        _logs = new Dictionary<string, AccessLog>(StringComparer.OrdinalIgnoreCase);
        foreach (var log in logs)
        {
            await log.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private IEnumerable<Measurement<long>> Measure(Func<AccessLog, long> value)
    {
        foreach (var log in _logs.Values)
        {
            yield return new Measurement<long>(value(log), new KeyValuePair<string, object?>("site", log.Settings.Site));
        }
    }
}
