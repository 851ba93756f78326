using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Server;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// Eyrie's own HTTP/1.1 forwarder against responses a real app may send and Kestrel never does, from the
/// test backend's raw socket mode: every framing a response can have reaches the client intact, and a
/// malformed one is a 502.3 or a cut connection, never a response that looks complete.
/// </summary>
public sealed class Http1ForwardingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestApp? _app;
    private EyrieTestHost? _eyrie;

    private EyrieTestHost Eyrie => _eyrie!;

    public async ValueTask InitializeAsync()
    {
        _app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_RAW", "1"));
        _eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(_app.Path), output);
    }

    public async ValueTask DisposeAsync()
    {
        if (_eyrie is not null)
        {
            await _eyrie.DisposeAsync();
        }

        _app?.Dispose();
    }

    [Fact]
    public async Task ChunkedResponse_WithExtensions_ReachesTheClientDecodedAndReframed()
    {
        // Kestrel sends trailers over HTTP/2 and HTTP/3 only; an HTTP/1.1 client gets the body without them, as behind YARP.
        var (status, response) = await RawHttp.SendAsync(Eyrie.Port, Get("/raw/chunked-trailers"));

        Assert.Equal(200, status);
        Assert.Contains("Transfer-Encoding: chunked", response, StringComparison.Ordinal);
        Assert.DoesNotContain("ext=1", response, StringComparison.Ordinal);
        Assert.Equal("hello world", Dechunk(response, out var trailers));
        Assert.Equal("\r\n", trailers);
    }

    [Fact]
    public async Task CloseDelimitedHttp10AndHeaderlessResponses_AreCopiedWhole()
    {
        using var client = Eyrie.CreateClient();

        Assert.Equal((200, "all of it, then the close"), await client.GetTextAsync("/raw/until-close"));
        Assert.Equal((200, "hello"), await client.GetTextAsync("/raw/http10"));
        Assert.Equal((200, "no header at all"), await client.GetTextAsync("/raw/no-headers"));
        Assert.Equal((200, "ok"), await client.GetTextAsync("/raw/ok"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(16_385)]
    [InlineData(102_400)]
    [InlineData(1_048_579)]
    public async Task ContentLengthBodies_OfEverySizeAroundTheBuffer_ArriveWhole(int size)
    {
        // Bodies larger than one read are streamed; the last piece must be flushed, or the client waits forever.
        using var client = Eyrie.CreateClient(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync($"/raw/bytes/{size}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(size, body.Length);
        Assert.All(Enumerable.Range(0, size).Where(i => i % 4099 == 0 || i == size - 1), i => Assert.Equal((byte)('a' + (i % 26)), body[i]));
    }

    [Fact]
    public async Task InterimResponses_AreSkipped_TheFinalOneIsForwarded()
    {
        using var client = Eyrie.CreateClient();

        Assert.Equal((200, "final"), await client.GetTextAsync("/raw/interim"));
    }

    [Fact]
    public async Task ReasonPhraseAndLatin1HeaderBytes_PassThroughAsSent()
    {
        var (status, response) = await RawHttp.SendAsync(Eyrie.Port, Get("/raw/reason"));
        Assert.Equal(404, status);
        Assert.StartsWith("HTTP/1.1 404 Nothing Here Today\r\n", response, StringComparison.Ordinal);

        (_, response) = await RawHttp.SendAsync(Eyrie.Port, Get("/raw/latin1"));
        Assert.Contains("X-Name: caf\u00e9\r\n", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/raw/bad-status", "status line")]
    [InlineData("/raw/bad-length", "invalid Content-Length")]
    [InlineData("/raw/bad-chunk", "malformed chunk size")]
    public async Task MalformedResponseHead_Is502Point3_WithTheReasonLogged(string path, string reason)
    {
        using var client = Eyrie.CreateClient();

        var (status, _) = await client.GetTextAsync(path);

        Assert.Equal(502, status);
        Assert.True(Eyrie.Logs.Contains(EventIds.ForwardingFailed, reason), $"the log names the reason ({reason})");
    }

    [Fact]
    public async Task ResponseBodyCutShort_AbortsTheClientConnection_AndIsLogged()
    {
        // The head is already out: the client must see a broken response, not one that looks complete.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, Eyrie.Port, TestContext.Current.CancellationToken);
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(Get("/raw/short-body")), TestContext.Current.CancellationToken);
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // A reset is as good a close as any here.
        }

        // The head was handed to Kestrel before the worker's close was seen; the abort may beat its send. Either
        // way the client never holds 100 bytes it could take for the whole body.
        var response = System.Text.Encoding.Latin1.GetString([.. received]);
        if (response.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
            Assert.Contains("Content-Length: 100\r\n", response, StringComparison.Ordinal);
            Assert.True(response.Length - response.IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4 < 100, "fewer body bytes than announced");
        }

        await Poll.UntilAsync(() => Eyrie.Logs.Contains(EventIds.ForwardingFailed, "terminated abnormally"), "the cut is logged");
    }

    [Fact]
    public async Task KeepAliveConnectionTheWorkerClosed_IsRetriedOnANewOne_NoRequestFails()
    {
        using var client = Eyrie.CreateClient();

        // Each /raw/silent-close answers and then closes its keep-alive connection without saying so; the next
        // request finds that connection in Eyrie's pool.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal((200, "ok"), await client.GetTextAsync("/raw/silent-close"));
            Assert.Equal((200, "ok"), await client.GetTextAsync("/raw/ok"));
        }

        Assert.Equal(0, Eyrie.Logs.Count(EventIds.ForwardingFailed));
    }

    [Fact]
    public async Task RequestHead_HasAncmHeaders_AndNoHopByHopOnes()
    {
        var (status, response) = await RawHttp.SendAsync(Eyrie.Port,
            "GET /raw/head?q=%41 HTTP/1.1\r\nHost: example.test\r\nConnection: close, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: 5\r\nMS-ASPNETCORE-TOKEN: forged\r\nX-Forwarded-For: 10.0.0.1\r\nCookie: a=1\r\nX-List: a\r\nCookie: b=2\r\nX-List: b\r\n\r\n");

        Assert.Equal(200, status);
        var head = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.StartsWith("GET /raw/head?q=%41 HTTP/1.1\r\nHost: example.test\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nCookie: a=1; b=2\r\n", head, StringComparison.Ordinal); // repeated lines become one list
        Assert.Contains("\r\nX-List: a, b\r\n", head, StringComparison.Ordinal);
        Assert.Matches(@"\r\nX-Forwarded-For: 10\.0\.0\.1, 127\.0\.0\.1:\d+", head);
        Assert.Contains("\r\nX-Forwarded-Proto: http", head, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(head, "MS-ASPNETCORE-TOKEN: "));
        Assert.DoesNotContain("forged", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep-Alive", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Connection", head, StringComparison.OrdinalIgnoreCase);
    }

    private static string Get(string path) => $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    /// <summary>The body of a chunked response, and its trailer section.</summary>
    private static string Dechunk(string response, out string trailers)
    {
        var rest = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var body = new System.Text.StringBuilder();
        while (true)
        {
            var lineEnd = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(rest[..lineEnd].Split(';')[0], 16);
            rest = rest[(lineEnd + 2)..];
            if (size == 0)
            {
                trailers = rest;
                return body.ToString();
            }

            body.Append(rest, 0, size);
            rest = rest[(size + 2)..];
        }
    }
}
