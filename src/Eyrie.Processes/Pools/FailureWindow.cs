namespace Eyrie.Processes.Pools;

/// <summary>
/// IIS's application-pool rapid-fail protection (iis-ancm.md §4.4): worker failures counted over a sliding
/// interval. Used only from the pool loop, so it needs no lock.
/// </summary>
internal sealed class FailureWindow(TimeProvider time)
{
    private readonly Queue<long> _failures = new();

    public void Record() => _failures.Enqueue(time.GetTimestamp());

    /// <summary>The failures within the last <paramref name="interval"/>.</summary>
    public int Count(TimeSpan interval)
    {
        while (_failures.TryPeek(out var oldest) && time.GetElapsedTime(oldest) > interval)
        {
            _failures.Dequeue();
        }

        return _failures.Count;
    }

    public void Clear() => _failures.Clear();
}
