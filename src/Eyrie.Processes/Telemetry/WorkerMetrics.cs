using System.Diagnostics.Metrics;

namespace Eyrie.Processes.Telemetry;

/// <summary>
/// The process manager's instruments (meter <c>Eyrie.Processes</c>): worker starts, exits by reason, and
/// recycles by application, as dotnet-counters and the Prometheus endpoint read them.
/// </summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "Eyrie.Processes";

    private readonly Meter _meter;
    private readonly Counter<long> _starts;
    private readonly Counter<long> _exits;
    private readonly Counter<long> _recycles;

    public WorkerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _starts = _meter.CreateCounter<long>("eyrie.worker.starts", "{worker}", "Workers launched, by application.");
        _exits = _meter.CreateCounter<long>("eyrie.worker.exits", "{worker}", "Workers that exited, by application and reason (stopped, crashed, failed_start).");
        _recycles = _meter.CreateCounter<long>("eyrie.worker.recycles", "{recycle}", "Recycles that completed, by application and outcome (succeeded, failed).");
    }

    internal void WorkerStarted(string application) =>
        _starts.Add(1, new KeyValuePair<string, object?>("application", application));

    internal void WorkerExited(string application, string reason) =>
        _exits.Add(1, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("reason", reason));

    internal void Recycled(string application, bool succeeded) =>
        _recycles.Add(1, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    public void Dispose() => _meter.Dispose();
}
