using System.Collections.Concurrent;
using Eyrie.Server.Pipeline;

namespace Eyrie.Server.Telemetry;

/// <summary>
/// Per-application traffic for the admin API's status (requests per second, mean duration, errors).
/// Counters are kept by site and path, so they survive reloads that rebuild the routes; each route caches
/// its counter, so the request path does one dictionary lookup per route, not per request.
/// </summary>
public sealed class TrafficMonitor : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Site, string Path), TrafficCounter> _counters = new();
    private readonly ITimer _sampler;

    public TrafficMonitor(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _sampler = time.CreateTimer(_ => Sample(), null, Interval, Interval);
    }

    /// <summary>The counter of a site's path; a new one (all zero) for a path that served nothing yet.</summary>
    public TrafficCounter For(string site, string path) => _counters.GetOrAdd((site, path), _ => new TrafficCounter());

    internal void Record(EdgeRequest request, TimeSpan elapsed)
    {
        if (request.Route is not { } route)
        {
            return;
        }

        var counter = route.Traffic ??= For(route.SiteName, route.Path);
        counter.Record(request.HttpContext.Response.StatusCode, elapsed);
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        foreach (var counter in _counters.Values)
        {
            counter.Sample(Interval);
        }
    }
}
