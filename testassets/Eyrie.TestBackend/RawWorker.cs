using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Eyrie.TestBackend;

/// <summary>
/// The test backend without Kestrel (TESTBACKEND_RAW=1): a socket server on ASPNETCORE_PORT that answers
/// bodyless requests with fixed bytes, for the responses a real app may send and Kestrel never would:
/// chunked with trailers, close-delimited, HTTP/1.0, interim responses, malformed heads, a closed keep-alive.
/// </summary>
internal static class RawWorker
{
    private static readonly Dictionary<string, (string Response, bool Close)> Responses = new(StringComparer.Ordinal)
    {
        ["/raw/ok"] = ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false),
        ["/raw/chunked-trailers"] = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n", false),
        ["/raw/until-close"] = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it, then the close", true),
        ["/raw/no-headers"] = ("HTTP/1.1 200 OK\r\n\r\nno header at all", true),
        ["/raw/http10"] = ("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello", true),
        ["/raw/interim"] = ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal", false),
        ["/raw/reason"] = ("HTTP/1.1 404 Nothing Here Today\r\nContent-Length: 0\r\n\r\n", false),
        ["/raw/latin1"] = ("HTTP/1.1 200 OK\r\nX-Name: caf\u00e9\r\nContent-Length: 0\r\n\r\n", false),
        ["/raw/bad-status"] = ("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", true),
        ["/raw/bad-length"] = ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", true),
        ["/raw/bad-chunk"] = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", true),
        ["/raw/short-body"] = ("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this much", true),
        ["/raw/silent-close"] = ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true),
    };

    public static async Task RunAsync(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(128);
        Console.WriteLine($"TestBackend: raw worker listening on 127.0.0.1:{port}");
        while (true)
        {
            var connection = await listener.AcceptAsync();
            _ = ServeAsync(connection);
        }
    }

    private static async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    length += read;
                }

                var head = Encoding.Latin1.GetString(buffer, 0, end);
                buffer.AsSpan(end + 4, length - end - 4).CopyTo(buffer);
                length -= end + 4;
                var target = head.Split(' ', 3)[1].Split('?')[0];
                var (response, close) = Responses.TryGetValue(target, out var known)
                    ? known
                    : ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false);
                if (target == "/raw/head")
                {
                    // Echo the head Eyrie sent, for tests of what reaches the app.
                    var body = Encoding.Latin1.GetBytes(head);
                    response = "HTTP/1.1 200 OK\r\nContent-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n" + head;
                }

                if (target.StartsWith("/raw/bytes/", StringComparison.Ordinal))
                {
                    // N bytes of a known pattern under Content-Length, written with the head in one send.
                    var count = int.Parse(target["/raw/bytes/".Length..], CultureInfo.InvariantCulture);
                    response = "HTTP/1.1 200 OK\r\nContent-Length: " + count.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n"
                        + string.Create(count, 0, static (span, _) => { for (var i = 0; i < span.Length; i++) { span[i] = (char)('a' + (i % 26)); } });
                }

                await connection.SendAsync(Encoding.Latin1.GetBytes(response), SocketFlags.None);
                if (close)
                {
                    connection.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (SocketException)
        {
            // The front end went away.
        }
    }
}
