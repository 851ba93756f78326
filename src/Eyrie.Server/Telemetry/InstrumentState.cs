using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Eyrie.Server.Telemetry;

/// <summary>What <see cref="MetricsCollector"/> keeps of one instrument: its Prometheus name and kind, and its series.</summary>
internal sealed class InstrumentState
{
    /// <summary>OpenTelemetry's default histogram buckets, for instruments that advise none.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<TagKey, MetricSeries> _series = new();

    private InstrumentState(Instrument instrument, string type, double[] bounds)
    {
        Type = type;
        IsHistogram = type == "histogram";
        Bounds = bounds;
        Help = instrument.Description ?? "";
        Name = PrometheusNames.Metric(instrument.Name, instrument.Unit, type == "counter");
        IsObservable = instrument.IsObservable;
    }

    public string Name { get; }

    /// <summary>The Prometheus type: counter, gauge or histogram.</summary>
    public string Type { get; }

    public bool IsHistogram { get; }

    public string Help { get; }

    public double[] Bounds { get; }

    /// <summary>Observable instruments report totals or current values: a measurement replaces, never adds.</summary>
    public bool IsObservable { get; }

    public IEnumerable<MetricSeries> Series => _series.Values;

    public static InstrumentState For(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Histogram<>))
        {
            var bounds = instrument switch
            {
                Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } => advised.ToArray(),
                Histogram<long> { Advice.HistogramBucketBoundaries: { } advised } => advised.Select(b => (double)b).ToArray(),
                _ => DefaultBounds,
            };
            return new InstrumentState(instrument, "histogram", bounds);
        }

        var isCounter = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>);
        return new InstrumentState(instrument, isCounter ? "counter" : "gauge", []);
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new TagKey(tags);
        if (!_series.TryGetValue(key, out var series))
        {
            series = _series.GetOrAdd(key, k => new MetricSeries(k, Bounds.Length));
        }

        if (IsHistogram)
        {
            series.Observe(value, Bounds);
        }
        else if (IsObservable)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }
}
