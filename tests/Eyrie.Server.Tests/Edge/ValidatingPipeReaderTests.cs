using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Eyrie.Server.Edge;

namespace Eyrie.Server.Tests.Edge;

public sealed class ValidatingPipeReaderTests
{
    [Fact]
    public async Task PartlyConsumedReads_FeedEachByteOnce()
    {
        // Kestrel consumes the head, then the body in pieces, examining more than it consumes.
        var pipe = new Pipe();
        var reader = new ValidatingPipeReader(pipe.Reader, new Http1RequestValidator());
        var cancellationToken = TestContext.Current.CancellationToken;
        await pipe.Writer.WriteAsync(Bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234"), cancellationToken);

        var first = await reader.ReadAsync(cancellationToken);
        var headLength = first.Buffer.Length - 5;
        reader.AdvanceTo(first.Buffer.GetPosition(headLength), first.Buffer.End);
        await pipe.Writer.WriteAsync(Bytes("56789GET /next HTTP/1.1\r\nHost: a\r\n\r\n"), cancellationToken);

        var second = await reader.ReadAsync(cancellationToken);
        Assert.Equal("0123456789GET /next HTTP/1.1\r\nHost: a\r\n\r\n", Text(second.Buffer));
        reader.AdvanceTo(second.Buffer.GetPosition(3), second.Buffer.End);
        await pipe.Writer.WriteAsync(Bytes("GET /third HTTP/1.1\r\nHost: a\r\n\r\n"), cancellationToken);

        var third = await reader.ReadAsync(cancellationToken);
        Assert.False(third.IsCompleted);
        Assert.EndsWith("GET /third HTTP/1.1\r\nHost: a\r\n\r\n", Text(third.Buffer), StringComparison.Ordinal);
        Assert.Null(reader.Violation);
    }

    [Fact]
    public async Task Violation_EndsTheInput_WithTheAcceptedBytesAndTheRefusal()
    {
        var pipe = new Pipe();
        var reader = new ValidatingPipeReader(pipe.Reader, new Http1RequestValidator());
        var cancellationToken = TestContext.Current.CancellationToken;
        await pipe.Writer.WriteAsync(Bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /smuggled HTTP/1.1\nHost: a\r\n\r\n"), cancellationToken);

        var result = await reader.ReadAsync(cancellationToken);

        Assert.True(result.IsCompleted);
        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /smuggled HTTP/1.1\0\r\n\r\n", Text(result.Buffer));
        Assert.Contains("bare LF", reader.Violation, StringComparison.Ordinal);

        // Kestrel consumes the first request; the rest of the refusal is what it reads next, and then nothing.
        reader.AdvanceTo(result.Buffer.GetPosition(27));
        var next = await reader.ReadAsync(cancellationToken);
        Assert.True(next.IsCompleted);
        Assert.Equal("GET /smuggled HTTP/1.1\0\r\n\r\n", Text(next.Buffer));
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static string Text(ReadOnlySequence<byte> buffer) => Encoding.Latin1.GetString(buffer.ToArray());
}
