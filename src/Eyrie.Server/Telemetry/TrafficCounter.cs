namespace Eyrie.Server.Telemetry;

/// <summary>
/// The traffic of one application (or farm, or virtual directory) for status output: totals kept with
/// interlocked adds on the request path, and the last second's rate and mean duration, computed by
/// <see cref="TrafficMonitor"/>'s sampler.
/// </summary>
public sealed class TrafficCounter
{
    private long _requests;
    private long _errors;
    private long _elapsedTicks;
    private long _sampledRequests;
    private long _sampledElapsed;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Answers with a 5xx status.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    public double RequestsPerSecond { get; private set; }

    /// <summary>The mean duration of the requests completed in the last sample, milliseconds.</summary>
    public double AverageMilliseconds { get; private set; }

    internal void Record(int statusCode, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _elapsedTicks, elapsed.Ticks);
        if (statusCode >= 500)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    internal void Sample(TimeSpan interval)
    {
        var requests = Interlocked.Read(ref _requests);
        var elapsed = Interlocked.Read(ref _elapsedTicks);
        var count = requests - _sampledRequests;
        RequestsPerSecond = Math.Round(count / interval.TotalSeconds, 1);
        AverageMilliseconds = count == 0 ? 0 : Math.Round((double)(elapsed - _sampledElapsed) / TimeSpan.TicksPerMillisecond / count, 2);
        _sampledRequests = requests;
        _sampledElapsed = elapsed;
    }
}
