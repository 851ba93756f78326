using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Plays systemd's side of sd_notify: a Unix datagram socket whose path goes into NOTIFY_SOCKET, and every
/// message received on it, in order.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly ConcurrentQueue<NotifyMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _pump = PumpAsync();
    }

    public string Path { get; }

    /// <summary>Every message so far, oldest first.</summary>
    public IReadOnlyList<NotifyMessage> Messages => [.. _messages];

    /// <summary>Waits for the first message after <paramref name="after"/> (an index into <see cref="Messages"/>) that has <paramref name="line"/>.</summary>
    public Task<NotifyMessage> WaitForAsync(string line, int after = -1) =>
        WaitForAsync(m => m.Has(line), line, after);

    public async Task<NotifyMessage> WaitForAsync(Func<NotifyMessage, bool> match, string because, int after = -1)
    {
        NotifyMessage? found = null;
        await Poll.UntilAsync(() => (found = Messages.FirstOrDefault(m => m.Index > after && match(m))) is not null, $"systemd is sent {because}", TimeSpan.FromSeconds(60));
        return found!;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _pump.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            _messages.Enqueue(new NotifyMessage(_messages.Count, Encoding.UTF8.GetString(buffer, 0, length), TimeProvider.System.GetTimestamp()));
        }
    }
}
