namespace Eyrie.Server.Logging;

/// <summary>
/// The lines of one site's log waiting to be written: two batches that swap, so request threads append to one
/// while the writer writes the other. Memory is bounded: past <c>capacity</c> bytes waiting, lines are dropped
/// and counted; the request thread never waits for the disk. Appending takes a short lock around a copy.
/// </summary>
internal sealed class AccessLogBuffer
{
    private const int InitialCapacity = 16 * 1024;

    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly int _wakeThreshold;
    private AccessLogBatch _active = new(InitialCapacity);
    private AccessLogBatch _spare = new(InitialCapacity);
    private DateTimeOffset _segmentEnd = DateTimeOffset.MinValue;
    private AccessLogSettings? _segmentSettings;
    private long _dropped;
    private bool _wakeRequested;
    private TaskCompletionSource _wake = NewWake();

    /// <param name="capacity">The most bytes waiting; one batch being written may hold as many again.</param>
    public AccessLogBuffer(int capacity)
    {
        _capacity = capacity;
        _wakeThreshold = capacity / 4;
    }

    /// <summary>Lines dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Completes when enough is waiting that the writer should not wait for its next tick.</summary>
    public Task Wake
    {
        get
        {
            lock (_lock)
            {
                return _wake.Task;
            }
        }
    }

    /// <summary>Adds one line (ending with a line feed); false, and counted, when the buffer is full.</summary>
    public bool TryAppend(ReadOnlySpan<byte> line, DateTimeOffset time, AccessLogSettings settings)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            var batch = _active;
            var needed = batch.Length + line.Length;
            if (needed > _capacity)
            {
                _dropped++;
                return false;
            }

            if (needed > batch.Bytes.Length)
            {
                var grown = new byte[Math.Min(_capacity, Math.Max(needed, batch.Bytes.Length * 2))];
                batch.Bytes.AsSpan(0, batch.Length).CopyTo(grown);
                batch.Bytes = grown;
            }

            // A new file starts with this line: the period changed, or the settings did (a reload).
            if (time >= _segmentEnd || !ReferenceEquals(settings, _segmentSettings))
            {
                batch.Segments.Add(new AccessLogSegment(batch.Length, time, settings));
                _segmentEnd = settings.NextBoundary(time);
                _segmentSettings = settings;
            }

            line.CopyTo(batch.Bytes.AsSpan(batch.Length));
            batch.Length = needed;
            if (needed >= _wakeThreshold && !_wakeRequested)
            {
                _wakeRequested = true;
                wake = _wake;
            }
        }

        wake?.TrySetResult();
        return true;
    }

    /// <summary>Takes what is waiting; give the batch back with <see cref="Return"/> once it is written.</summary>
    public AccessLogBatch Take()
    {
        lock (_lock)
        {
            var taken = _active;
            _active = _spare;
            _spare = null!;
            _segmentEnd = DateTimeOffset.MinValue;
            _segmentSettings = null;
            if (_wakeRequested)
            {
                _wakeRequested = false;
                _wake = NewWake();
            }

            return taken;
        }
    }

    public void Return(AccessLogBatch batch)
    {
        batch.Clear();
        lock (_lock)
        {
            _spare = batch;
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
