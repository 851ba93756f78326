namespace Eyrie.Processes.Pools;

/// <summary>
/// ANCM's rapid-fail counter (iis-ancm.md §2.6): failures are counted in a fixed one-minute window that
/// resets the first time it is looked at a minute or more after it began; starts are refused while the
/// count exceeds rapidFailsPerMinute. Used only from the pool loop, so it needs no lock.
/// </summary>
internal sealed class RapidFailCounter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private DateTimeOffset _windowStart = time.GetUtcNow();

    public int Count { get; private set; }

    public DateTimeOffset WindowEnd => _windowStart + Window;

    public void RecordFailure()
    {
        Roll();
        Count++;
    }

    public bool IsExceeded(int limit)
    {
        Roll();
        return Count > limit;
    }

    private void Roll()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= Window)
        {
            _windowStart = now;
            Count = 0;
        }
    }
}
