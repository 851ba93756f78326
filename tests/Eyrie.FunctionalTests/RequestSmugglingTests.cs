using System.Text;
using Eyrie.FunctionalTests.Fixtures;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>
/// The raw-socket corpus of hardening.md §1: smuggling families, malformed request lines and headers, chunk
/// framing. Each case is written byte for byte, followed by a pipelined request for /smuggled/{case}; the
/// expected answer is the exact status with the connection closed, and the backend's request log must show
/// that the smuggled request never reached it.
/// </summary>
public sealed class RequestSmugglingTests(BackendFixture eyrie) : IClassFixture<BackendFixture>
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string, int> Refused => new()
    {
        // CL.TE / TE.CL: both framing headers, in either order.
        { "cl-te", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-cl", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400 },

        // TE.TE: obfuscated or repeated Transfer-Encoding.
        { "te-twice", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-list-twice", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-gzip-chunked", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-leading-comma", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-xchunked", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-identity", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n", 400 },
        { "te-quoted", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n", 400 },
        { "te-space-before-colon", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-obs-fold", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-vertical-tab", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding:\u000Bchunked\r\n\r\n0\r\n\r\n", 400 },
        { "te-nbsp", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\u00A0\r\n\r\n0\r\n\r\n", 400 },
        { "te-http10", "POST /echo HTTP/1.0\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400 },

        // CL.CL: odd or repeated Content-Length.
        { "cl-twice-same", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab", 400 },
        { "cl-twice-different", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 0\r\n\r\nab", 400 },
        { "cl-list", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1,1\r\n\r\na", 400 },
        { "cl-plus", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: +2\r\n\r\nab", 400 },
        { "cl-minus-zero", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: -0\r\n\r\n", 400 },
        { "cl-hex", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0x2\r\n\r\nab", 400 },
        { "cl-empty", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \r\n\r\n", 400 },
        { "cl-overflow", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000000000000000\r\n\r\n", 400 },

        // Line terminators and header-name games.
        { "bare-lf", "GET /echo HTTP/1.1\nHost: localhost\n\n", 400 },
        { "bare-lf-after-header", "GET /echo HTTP/1.1\r\nHost: localhost\nX: y\r\n\r\n", 400 },
        { "bare-cr-in-value", "GET /echo HTTP/1.1\r\nHost: localhost\r\nX: a\rb\r\n\r\n", 400 },
        { "nul-in-value", "GET /echo HTTP/1.1\r\nHost: localhost\r\nX: a\u0000b\r\n\r\n", 400 },
        { "bell-in-value", "GET /echo HTTP/1.1\r\nHost: localhost\r\nX: a\u0007b\r\n\r\n", 400 },
        { "control-in-cookie", "GET /echo HTTP/1.1\r\nHost: localhost\r\nCookie: a=\u0001\r\n\r\n", 400 },
        { "bracket-in-name", "GET /echo HTTP/1.1\r\nHost: localhost\r\nBad[Name: x\r\n\r\n", 400 },
        { "high-bit-in-name", "GET /echo HTTP/1.1\r\nHost: localhost\r\nX\u0085: x\r\n\r\n", 400 },
        { "empty-name", "GET /echo HTTP/1.1\r\nHost: localhost\r\n: x\r\n\r\n", 400 },
        { "leading-whitespace", "GET /echo HTTP/1.1\r\n Host: localhost\r\n\r\n", 400 },
        { "no-colon", "GET /echo HTTP/1.1\r\nHost: localhost\r\nNoColon\r\n\r\n", 400 },

        // Request lines.
        { "control-in-path", "GET /echo\u0001x HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { "tab-in-request-line", "GET\t/echo HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { "http09", "GET /echo\r\n\r\n", 400 },
        { "no-host", "GET /echo HTTP/1.1\r\n\r\n", 400 },
        { "two-hosts", "GET /echo HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n", 400 },
        { "absolute-form-other-host", "GET http://other/echo HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { "http12", "GET /echo HTTP/1.2\r\nHost: localhost\r\n\r\n", 505 },

        // Chunk framing (CVE-2025-55315 and its family).
        { "chunk-ext-bare-semicolon", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-ext-bad-token", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;bad[=x\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-ext-nul", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;a\u0000\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-ext-lf", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;\nxx\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-ext-cr", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;a\rxx\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-ext-64k", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;a=" + new string('b', 65536) + "\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-size-0x", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-size-space", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n 2\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-size-plus", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-size-overflow", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\nab\r\n0\r\n\r\n", 400 },
        { "chunk-size-bare-lf", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\r\n0\r\n\r\n", 400 },
        { "chunk-data-too-long", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", 400 },
        { "chunk-data-bare-lf", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\n0\r\n\r\n", 400 },
        { "chunk-trailer-bare-lf", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX: y\n\r\n", 400 },
        { "chunk-trailer-content-length", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nContent-Length: 5\r\n\r\n", 400 },
    };

    public static TheoryData<string, string> Accepted => new()
    {
        { "chunked-with-extensions", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2;name=value;q=\"a b\"\r\nab\r\n0\r\nX-Trailer: t\r\n\r\n" },
        { "chunked-upper-case", "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n" },
        { "content-length-ows", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length:  2 \r\n\r\nab" },
        { "content-length-leading-zero", "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 02\r\n\r\nab" },
        { "blank-line-before-request", "\r\nGET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n" },
        { "utf8-value", "GET /echo HTTP/1.1\r\nHost: localhost\r\nX-Name: Ren\u00C3\u00A9e\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_WithExactStatus_ConnectionClosed_NothingSmuggled(string name, string request, int status)
    {
        var smuggled = $"/smuggled/{name}";
        var exchange = await RawHttp.ExchangeAsync(eyrie.Port, Bytes(request + $"GET {smuggled} HTTP/1.1\r\nHost: localhost\r\n\r\n"), CloseWait);

        Assert.Equal([status], exchange.Statuses);
        Assert.True(exchange.Closed, "the connection must be closed after a refused request");
        var log = await eyrie.BackendLogAsync();
        Assert.DoesNotContain(log, r => r.Target.StartsWith(smuggled, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Accepted_AndThePipelinedRequestArrives(string name, string request)
    {
        // The control group: well-formed framing passes, and so does the request pipelined after it. Without
        // this, the refused cases' empty request log would prove nothing.
        var next = $"/pipelined/{name}";
        var exchange = await RawHttp.ExchangeAsync(eyrie.Port, Bytes(request + $"GET {next} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), CloseWait);

        // The pipelined target has no endpoint in the backend: its 404 comes from the app, which logged it.
        Assert.Equal([200, 404], exchange.Statuses);
        var log = await eyrie.BackendLogAsync();
        Assert.Contains(log, r => r.Target == next);
    }

    private static byte[] Bytes(string request) => Encoding.Latin1.GetBytes(request);

    [Theory]
    [InlineData("bytes=0-99", true)]
    [InlineData("bytes=0-99,200-299", true)]
    [InlineData("bytes=0-,0-,0-,0-", false)]
    [InlineData("bytes=0-99,-100", false)]
    public async Task RangeThatCouldAmplifyTheResponse_IsNotForwarded(string range, bool forwarded)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{eyrie.Port}/echo");
        request.Headers.TryAddWithoutValidation("Range", range);
        using var client = Clients.Loopback();

        var echo = await client.EchoAsync(request: request);

        Assert.Equal(forwarded, echo.Headers.ContainsKey("Range"));
    }
}
