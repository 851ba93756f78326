using System.Threading.Channels;
using Eyrie.Processes.Output;

namespace Eyrie.Server.Admin;

/// <summary>
/// The recent history of Eyrie's log and its workers' output, and a feed of what comes next, for
/// <c>GET /api/logs</c>, <c>eyrie logs --follow</c> and the dashboard. Memory is bounded: the last
/// <see cref="Capacity"/> entries are kept, and a follower that reads too slowly loses its oldest
/// entries rather than holding Eyrie back.
/// </summary>
public sealed class LiveLog
{
    public const int Capacity = 2000;

    private readonly Lock _lock = new();
    private readonly LiveLogEntry?[] _ring = new LiveLogEntry?[Capacity];
    private readonly List<Channel<LiveLogEntry>> _followers = [];
    private long _written;

    public LiveLog(WorkerOutputFeed workerOutput, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(workerOutput);
        WorkerOutput = workerOutput;
        Time = time;
        workerOutput.Subscribe(line => Write(new LiveLogEntry(line.At, "output", "worker", line.Application, line.ProcessId, line.Text)));
    }

    /// <summary>The feed of the workers' output lines that this log subscribes to.</summary>
    public WorkerOutputFeed WorkerOutput { get; }

    internal TimeProvider Time { get; }

    public void Write(LiveLogEntry entry)
    {
        lock (_lock)
        {
            _ring[_written++ % Capacity] = entry;
            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(entry);
            }
        }
    }

    /// <summary>The last <paramref name="count"/> entries that pass <paramref name="filter"/>, oldest first.</summary>
    public IReadOnlyList<LiveLogEntry> Tail(int count, Func<LiveLogEntry, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = new List<LiveLogEntry>();
        lock (_lock)
        {
            for (var i = _written - 1; i >= Math.Max(0, _written - Capacity) && result.Count < count; i--)
            {
                if (_ring[i % Capacity] is { } entry && filter(entry))
                {
                    result.Add(entry);
                }
            }
        }

        result.Reverse();
        return result;
    }

    /// <summary>
    /// Everything written from now on, until <paramref name="cancellationToken"/> ends the subscription.
    /// Registered at once, so that reading the tail afterwards loses nothing in between.
    /// </summary>
    public ChannelReader<LiveLogEntry> Follow(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LiveLogEntry>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _followers.Add(channel);
        }

        cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _followers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }
}
