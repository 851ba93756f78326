using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Eyrie.Server.Telemetry;

/// <summary>
/// Listens to Eyrie's meters (those this host's <see cref="IMeterFactory"/> created: <c>Eyrie.Server</c>,
/// <c>Eyrie.Processes</c>) and the runtime's (<c>System.Runtime</c>: GC, memory, CPU), aggregates them,
/// and writes them in Prometheus' text format for the admin API's <c>/metrics</c>.
/// Hand-written rather than OpenTelemetry's Prometheus exporter, which is still a prerelease package and
/// brings the whole SDK for what is an aggregation and a text format.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();

    public MetricsCollector(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            if ((ReferenceEquals(meter.Scope, meters) && meter.Name.StartsWith("Eyrie.", StringComparison.Ordinal)) || meter.Name == "System.Runtime")
            {
                var state = InstrumentState.For(instrument);
                _instruments[instrument] = state;
                listener.EnableMeasurementEvents(instrument, state);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Every series, observable instruments read now, in Prometheus' text exposition format.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _instruments.Values.GroupBy(i => i.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            text.Append("# HELP ").Append(first.Name).Append(' ').Append(first.Help.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type).Append('\n');
            foreach (var instrument in group)
            {
                foreach (var series in instrument.Series)
                {
                    Write(text, instrument, series);
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static void Write(StringBuilder text, InstrumentState instrument, MetricSeries series)
    {
        if (!instrument.IsHistogram)
        {
            text.Append(instrument.Name);
            Labels(text, series.Tags, null);
            text.Append(' ').Append(Number(series.Value)).Append('\n');
            return;
        }

        long cumulative = 0;
        for (var i = 0; i <= instrument.Bounds.Length; i++)
        {
            cumulative += series.BucketCount(i);
            text.Append(instrument.Name).Append("_bucket");
            Labels(text, series.Tags, i < instrument.Bounds.Length ? Number(instrument.Bounds[i]) : "+Inf");
            text.Append(' ').Append(cumulative).Append('\n');
        }

        text.Append(instrument.Name).Append("_sum");
        Labels(text, series.Tags, null);
        text.Append(' ').Append(Number(series.Value)).Append('\n');
        text.Append(instrument.Name).Append("_count");
        Labels(text, series.Tags, null);
        text.Append(' ').Append(series.Count).Append('\n');
    }

    private static void Labels(StringBuilder text, TagKey tags, string? le)
    {
        if (tags.Count == 0 && le is null)
        {
            return;
        }

        text.Append('{');
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            text.Append(i == 0 ? "" : ",").Append(PrometheusNames.Label(tag.Key)).Append("=\"")
                .Append(PrometheusNames.Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        if (le is not null)
        {
            text.Append(tags.Count == 0 ? "" : ",").Append("le=\"").Append(le).Append('"');
        }

        text.Append('}');
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
