using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>Raw HTTP/1.1 over a socket: exactly the bytes a test writes, read until the server closes.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Response)> SendAsync(int port, string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        await socket.SendAsync(Encoding.Latin1.GetBytes(request), SocketFlags.None, TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        var text = Encoding.Latin1.GetString(received.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    /// <summary>
    /// Writes <paramref name="request"/> as is and reads until the server closes the connection or
    /// <paramref name="wait"/> passes; returns every status line received and whether the server closed.
    /// </summary>
    public static async Task<RawExchange> ExchangeAsync(int port, byte[] request, TimeSpan wait, IPAddress? source = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server accepted and reset the connection before the connect completed here (a refused client): closed, nothing answered.
            return new RawExchange("", true);
        }

        try
        {
            await socket.SendAsync(request, SocketFlags.None, TestContext.Current.CancellationToken);
        }
        catch (SocketException)
        {
            // The server may refuse and close before it has read everything; what it answered is still read below.
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(wait);
        var received = new MemoryStream();
        var buffer = new byte[16384];
        var closed = false;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            closed = true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Still open at the deadline.
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            closed = true;
        }

        return new RawExchange(Encoding.Latin1.GetString(received.ToArray()), closed);
    }

    /// <summary>GET of a request target written as is (no normalisation), on a connection that closes after the response.</summary>
    public static Task<(int Status, string Response)> GetAsync(int port, string target, string host = "localhost") =>
        SendAsync(port, $"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
}
