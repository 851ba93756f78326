using System.Net;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// The idle keep-alive connections to one worker, most recently used first (so a burst's connections stay
/// warm and the rest age out). A connection idle longer than <see cref="MaxIdle"/>, or one the worker
/// closed, is dropped when it comes up instead of being used, and by a sweep every <see cref="SweepInterval"/>
/// (so one the worker closed does not sit in CLOSE_WAIT until traffic reaches it).
/// </summary>
internal sealed class WorkerConnectionPool : IDisposable
{
    /// <summary>Below Kestrel's two-minute keep-alive timeout, so Eyrie, not the worker, ends an idle connection.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(90);

    /// <summary>How often idle connections are checked for age and for a close by the worker.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private const int MaxIdleConnections = 1024;

    /// <summary>Idle for less than this, a connection was most likely not closed by its worker (whose keep-alive timeout is minutes).</summary>
    private static readonly TimeSpan RecentlyUsed = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Stack<WorkerConnection> _idle = new();
    private readonly IPEndPoint _endPoint;
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;
    private bool _disposed;

    public WorkerConnectionPool(int port, TimeProvider time)
    {
        _endPoint = new IPEndPoint(IPAddress.Loopback, port);
        _time = time;
        _sweep = time.CreateTimer(static state => ((WorkerConnectionPool)state!).Sweep(), this, SweepInterval, SweepInterval);
    }

    /// <summary>How many idle connections the pool holds.</summary>
    public int IdleCount
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>A live idle connection, or a new one.</summary>
    /// <param name="mustBeLive">
    /// Check with the kernel that the worker has not closed the connection. A request with a body needs it, since
    /// it cannot be retried; a bodyless one skips the system call when the connection was busy a moment ago.
    /// </param>
    /// <param name="cancellationToken">Ends a connect that waits.</param>
    public ValueTask<WorkerConnection> RentAsync(bool mustBeLive, CancellationToken cancellationToken)
    {
        while (TryPop(out var connection))
        {
            var idle = _time.GetElapsedTime(connection.IdleSince);
            if (idle < MaxIdle && ((!mustBeLive && idle < RecentlyUsed) || connection.IsUsable()))
            {
                return ValueTask.FromResult(connection);
            }

            connection.Dispose();
        }

        return WorkerConnection.ConnectAsync(_endPoint, _time, cancellationToken);
    }

    /// <summary>Takes back a connection whose exchange ended cleanly, or closes it.</summary>
    public void Return(WorkerConnection connection)
    {
        if (!connection.ResetActivity())
        {
            connection.Dispose();
            return;
        }

        connection.Reused = true;
        connection.IdleSince = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_disposed && _idle.Count < MaxIdleConnections)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    /// <summary>Closes the idle connections that aged out or that the worker closed; keeps the rest in their order.</summary>
    public void Sweep()
    {
        List<WorkerConnection>? dropped = null;
        lock (_lock)
        {
            if (_disposed || _idle.Count == 0)
            {
                return;
            }

            // Oldest first, so the survivors go back under the most recently used. One poll(2) per connection, at most
            // MaxIdleConnections of them, every SweepInterval: cheap enough to hold the lock through.
            var idle = _idle.ToArray();
            _idle.Clear();
            for (var i = idle.Length - 1; i >= 0; i--)
            {
                if (_time.GetElapsedTime(idle[i].IdleSince) < MaxIdle && idle[i].IsUsable())
                {
                    _idle.Push(idle[i]);
                }
                else
                {
                    (dropped ??= []).Add(idle[i]);
                }
            }
        }

        dropped?.ForEach(connection => connection.Dispose());
    }

    /// <summary>Closes the idle connections; connections in use are closed when their exchange ends.</summary>
    public void Dispose()
    {
        _sweep.Dispose();
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    private bool TryPop(out WorkerConnection connection)
    {
        lock (_lock)
        {
            return _idle.TryPop(out connection!);
        }
    }
}
