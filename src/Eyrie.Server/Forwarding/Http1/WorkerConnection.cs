using System.Net;
using System.Net.Sockets;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// One keep-alive HTTP/1.1 connection from Eyrie to a local worker: the socket and the activity timer that
/// enforces <c>requestTimeout</c> on every read and write. A connection serves one exchange at a time and
/// goes back to its <see cref="WorkerConnectionPool"/> only when the exchange ended cleanly.
/// </summary>
internal sealed class WorkerConnection : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly Socket _socket;
    private readonly TimeProvider _time;

    private WorkerConnection(Socket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        Activity = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>Cancelled when the exchange made no progress for <c>requestTimeout</c>, or when the client left.</summary>
    public CancellationTokenSource Activity { get; private set; }

    /// <summary>When the connection went back to the pool, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long IdleSince { get; set; }

    /// <summary>Whether this connection served an exchange before (a failure on it may be a stale keep-alive).</summary>
    public bool Reused { get; set; }

    public static async ValueTask<WorkerConnection> ConnectAsync(IPEndPoint endPoint, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A local connect is answered at once unless the worker's backlog is full; don't wait for that forever.
            using var timeout = new CancellationTokenSource(ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await socket.ConnectAsync(endPoint, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Say what happened, as the kernel would for a connect that got no answer, not "operation canceled".
                throw new SocketException((int)SocketError.TimedOut);
            }

            return new WorkerConnection(socket, time);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an exception is what a send or receive on the connection throws when it fails or is cancelled.</summary>
    public static bool IsIoFailure(Exception exception) =>
        exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException;

    /// <summary>
    /// Whether an idle connection can carry another request: the worker has not closed it (a readable idle
    /// socket means end of stream, or bytes nobody asked for; either way it is unusable).
    /// </summary>
    public bool IsUsable()
    {
        try
        {
            return !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Restarts the activity timer before an operation on the socket or on the client.</summary>
    public CancellationToken Arm(TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            Activity.CancelAfter(timeout);
        }

        return Activity.Token;
    }

    /// <summary>Ends the exchange's waiting now: the client left, or the request body failed.</summary>
    public void CancelActivity()
    {
        try
        {
            Activity.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection was closed already.
        }
    }

    /// <summary>Makes the timer ready for the next exchange; false when it fired (the connection is then unusable).</summary>
    public bool ResetActivity()
    {
        if (Activity.TryReset())
        {
            return true;
        }

        if (Activity.IsCancellationRequested)
        {
            return false;
        }

        // Not cancelled, yet not resettable: the timer's callback may be on its way, or the timer is not the system's
        // (TryReset cannot prove any other TimeProvider's timer unfired). The exchange is over either way: start afresh.
        Activity.Dispose();
        Activity = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        return true;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    /// <summary>Closes with a reset instead of an orderly end of stream: the worker's request is aborted.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset or closed: disposing below is all there is left to do.
        }

        Dispose();
    }

    public void Dispose()
    {
        _socket.Dispose();
        Activity.Dispose();
    }
}
