namespace Eyrie.Server.Telemetry;

/// <summary>
/// One time series of an instrument (one set of tag values): a sum for counters, a last value for gauges,
/// buckets, sum and count for histograms. Updated lock-free from any thread.
/// </summary>
internal sealed class MetricSeries(TagKey tags, int buckets)
{
    private readonly long[] _bucketCounts = new long[buckets + 1];
    private double _value;
    private long _count;

    public TagKey Tags { get; } = tags;

    public double Value => Volatile.Read(ref _value);

    public long Count => Interlocked.Read(ref _count);

    public long BucketCount(int index) => Interlocked.Read(ref _bucketCounts[index]);

    public void Add(double value)
    {
        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _value);
            updated = seen + value;
        }
        while (Interlocked.CompareExchange(ref _value, updated, seen) != seen);
    }

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value, double[] bounds)
    {
        var index = Array.BinarySearch(bounds, value);
        Interlocked.Increment(ref _bucketCounts[index < 0 ? ~index : index]);
        Interlocked.Increment(ref _count);
        Add(value);
    }
}
