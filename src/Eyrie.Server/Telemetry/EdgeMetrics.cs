using System.Diagnostics.Metrics;
using Eyrie.Server.Pipeline;

namespace Eyrie.Server.Telemetry;

/// <summary>
/// The front end's instruments (meter <c>Eyrie.Server</c>), readable by dotnet-counters and the Prometheus
/// endpoint: requests by site, application and status code, their duration, and requests in progress.
/// Recording allocates nothing: names are the routes' own strings and status codes are boxed once.
/// </summary>
public sealed class EdgeMetrics : IDisposable
{
    public const string MeterName = "Eyrie.Server";

    private static readonly object[] BoxedStatusCodes = Enumerable.Range(0, 600).Select(code => (object)code).ToArray();

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _active;

    public EdgeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("eyrie.server.requests", "{request}", "Requests answered, by site, application and status code.");
        _duration = _meter.CreateHistogram<double>(
            "eyrie.server.request.duration",
            "s",
            "Time from the request's arrival to the end of its response.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _active = _meter.CreateUpDownCounter<long>("eyrie.server.active_requests", "{request}", "Requests in progress.");
    }

    internal void RequestStarted() => _active.Add(1);

    internal void RequestCompleted(EdgeRequest request, TimeSpan elapsed)
    {
        _active.Add(-1);
        var status = request.HttpContext.Response.StatusCode;
        var site = new KeyValuePair<string, object?>("site", request.Site?.Name ?? "");
        var application = new KeyValuePair<string, object?>("application", request.Route?.Path ?? "");
        if (_requests.Enabled)
        {
            _requests.Add(1, site, application, new KeyValuePair<string, object?>("status_code", (uint)status < BoxedStatusCodes.Length ? BoxedStatusCodes[status] : status));
        }

        if (_duration.Enabled)
        {
            _duration.Record(elapsed.TotalSeconds, site, application);
        }
    }

    public void Dispose() => _meter.Dispose();
}
