using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// A bare HTTP/2 client over TLS (ALPN h2) that sends header blocks exactly as given: names with spaces,
/// colons or capitals, values with CR, LF or NUL, connection-specific headers. HttpClient refuses to send
/// any of these, so malformed requests are written here by hand (HPACK literals, no Huffman).
/// </summary>
internal static class Http2Probe
{
    private const byte Data = 0x0;
    private const byte Headers = 0x1;
    private const byte RstStream = 0x3;
    private const byte Settings = 0x4;
    private const byte GoAway = 0x7;
    private const byte EndStream = 0x1;
    private const byte EndHeaders = 0x4;
    private const byte Ack = 0x1;

    /// <summary>Sends one request on stream 1, with <paramref name="body"/> as a DATA frame if given, and waits for the outcome.</summary>
    public static async Task<Http2Outcome> SendAsync(int port, IReadOnlyList<(string Name, string Value)> headers, byte[]? body = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        }, cancellationToken);
        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);

        await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), cancellationToken);
        await WriteFrameAsync(tls, Settings, 0, 0, [], cancellationToken);
        await WriteFrameAsync(tls, Headers, (byte)(EndHeaders | (body is null ? EndStream : 0)), 1, HeaderBlock(headers), cancellationToken);
        if (body is not null)
        {
            await WriteFrameAsync(tls, Data, EndStream, 1, body, cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var header = new byte[9];
            if (!await ReadExactlyOrEndAsync(tls, header, deadline.Token))
            {
                return new Http2Outcome(null, null, 0);
            }

            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var (type, flags) = (header[3], header[4]);
            var stream = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF;
            var payload = new byte[length];
            if (!await ReadExactlyOrEndAsync(tls, payload, deadline.Token))
            {
                return new Http2Outcome(null, null, 0);
            }

            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    await WriteFrameAsync(tls, Settings, Ack, 0, [], cancellationToken);
                    break;
                case Headers when stream == 1:
                    return new Http2Outcome(Status(payload, flags), null, null);
                case RstStream when stream == 1:
                    return new Http2Outcome(null, BinaryPrimitives.ReadInt32BigEndian(payload), null);
                case GoAway:
                    return new Http2Outcome(null, null, BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4)));
            }
        }
    }

    /// <summary>A request's pseudo-headers for a GET of <paramref name="path"/>, followed by <paramref name="extra"/>.</summary>
    public static List<(string, string)> Get(string path, params (string, string)[] extra) =>
        [(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", path), .. extra];

    private static byte[] HeaderBlock(IReadOnlyList<(string Name, string Value)> headers)
    {
        var block = new List<byte>();
        foreach (var (name, value) in headers)
        {
            // Literal header field without indexing, new name (RFC 7541 §6.2.2).
            block.Add(0x00);
            AddString(block, name);
            AddString(block, value);
        }

        return [.. block];
    }

    private static void AddString(List<byte> block, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        AddInteger(block, bytes.Length, 7, 0x00);
        block.AddRange(bytes);
    }

    private static void AddInteger(List<byte> block, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.Add((byte)(flags | value));
            return;
        }

        block.Add((byte)(flags | max));
        value -= max;
        while (value >= 128)
        {
            block.Add((byte)((value % 128) + 128));
            value /= 128;
        }

        block.Add((byte)value);
    }

    /// <summary>The :status of a response header block as Kestrel encodes it: indexed, or a literal with :status's static name.</summary>
    private static int Status(byte[] payload, byte flags)
    {
        var offset = (flags & 0x8) != 0 ? 1 : 0; // padded
        offset += (flags & 0x20) != 0 ? 5 : 0; // priority
        var first = payload[offset];
        if (first is >= 0x88 and <= 0x8E)
        {
            return new[] { 200, 204, 206, 304, 400, 404, 500 }[first - 0x88];
        }

        Assert.True(first is 0x48 or 0x08 or 0x18, $"unexpected first byte of the response headers: 0x{first:x2}");
        var length = payload[offset + 1] & 0x7F;
        return int.Parse(Encoding.ASCII.GetString(payload, offset + 2, length), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WriteFrameAsync(Stream stream, byte type, byte flags, int streamId, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await stream.WriteAsync(frame, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
