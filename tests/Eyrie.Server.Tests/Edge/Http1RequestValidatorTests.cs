using System.Buffers;
using System.Text;
using Eyrie.Server.Edge;

namespace Eyrie.Server.Tests.Edge;

public sealed class Http1RequestValidatorTests
{
    public static TheoryData<string> Valid => new()
    {
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n\r\n\n\0x",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTRANSFER-ENCODING: Chunked\r\n\r\na;x=1;y=\"q\\\"s\";z\r\n0123456789\r\n0\r\nT: v\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n\0\0 any bytes \n\r",
        "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n\x16\x03\x01",
        "\r\nGET / HTTP/1.1\r\nHost: a\r\nX: tab\tand obs-text \u00E9\r\n\r\n",
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        // The input; the part of it that is accepted before the violation; the reason.
        { "GET / HTTP/1.1\nHost: a\r\n\r\n", "GET / HTTP/1.1", "bare LF" },
        { "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", "GET / HTTP/1.1\r\nX: a\r", "bare CR" },
        { "GET / HTTP/1.1\r\nX: a\u0001\r\n\r\n", "GET / HTTP/1.1\r\nX: a", "control character" },
        { "GET / HTTP/1.1\r\nBad[: a\r\n\r\n", "GET / HTTP/1.1\r\nBad", "not a token" },
        { "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\n", "obs-fold" },
        { "GET / HTTP/1.1\r\nNoColon\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r", "without a colon" },
        { "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r", "repeated" },
        { "POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: +1\r", "one run of digits" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r", "both" },
        { "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r", "HTTP/1.0" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r", "exactly one chunked" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;\r\nab", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;\r", "chunk-size line" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;a b\r\nab", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;a", "chunk extension" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000000\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8000000", "too large" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab", "longer than its size" },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 1\r\n\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 1\r", "trailers" },
        { "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\nGET /\n", "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\nGET /", "bare LF" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_IsAcceptedWhole_AndInEverySplit(string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var validator = new Http1RequestValidator();
            Assert.Equal(split, validator.Feed(new ReadOnlySequence<byte>(bytes, 0, split)));
            Assert.Equal(bytes.Length - split, validator.Feed(new ReadOnlySequence<byte>(bytes, split, bytes.Length - split)));
            Assert.Null(validator.Violation);
        }
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_StopsAtTheOffendingByte_InEverySplit(string input, string acceptedPrefix, string reason)
    {
        var bytes = Encoding.Latin1.GetBytes(input);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var validator = new Http1RequestValidator();
            var first = validator.Feed(new ReadOnlySequence<byte>(bytes, 0, split));
            var accepted = first < split ? first : first + validator.Feed(new ReadOnlySequence<byte>(bytes, split, bytes.Length - split));
            Assert.Equal(acceptedPrefix.Length, accepted);
            Assert.Contains(reason, validator.Violation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Feed_AcrossSegments_ReadsOneStream()
    {
        var first = new Segment(Encoding.Latin1.GetBytes("POST / HTTP/1.1\r\nTransfer-Enc"));
        var last = first.Append(Encoding.Latin1.GetBytes("oding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        var validator = new Http1RequestValidator();

        Assert.Equal(first.Memory.Length + last.Memory.Length, validator.Feed(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
        Assert.Null(validator.Violation);
    }

    [Fact]
    public void AfterAViolation_NothingMoreIsAccepted()
    {
        var validator = new Http1RequestValidator();
        validator.Feed(new ReadOnlySequence<byte>("GET / HTTP/1.1\n"u8.ToArray()));

        Assert.Equal(0, validator.Feed(new ReadOnlySequence<byte>("Host: a\r\n\r\n"u8.ToArray())));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nX: \0", "\0\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;\n", "\r\0")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX", "X\n")]
    public void RefusalBytes_FitWhereTheViolationHappened(string input, string refusal)
    {
        var validator = new Http1RequestValidator();
        validator.Feed(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(input)));

        Assert.Equal(Encoding.Latin1.GetBytes(refusal), validator.RefusalBytes.ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
