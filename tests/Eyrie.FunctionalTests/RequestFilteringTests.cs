using System.Net;
using System.Net.Sockets;
using System.Text;
using Eyrie.FunctionalTests.Fixtures;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Server;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// IIS request filtering, configured with IIS's names in eyrie.json (site and application) and in the app's
/// web.config (root and &lt;location&gt;): each setting gives IIS's status and sub-status, shown to a local
/// client as IIS's detailed error does, and the refused request never reaches the app.
/// </summary>
public sealed class RequestFilteringTests(RequestFilteringFixture fixture, ITestOutputHelper output) : IClassFixture<RequestFilteringFixture>
{
    public static TheoryData<string, string, string> Denied => new()
    {
        // The request line and extra headers; the IIS status written in the page.
        { "TRACE /echo HTTP/1.1", "", "404.6" },
        { "GET /file.exe HTTP/1.1", "", "404.7" },
        { "GET /notes.bak HTTP/1.1", "", "404.7" },
        { "GET /private/page HTTP/1.1", "", "404.8" },
        { "GET /web.config HTTP/1.1", "", "404.8" },
        { "GET /bin/app.dll HTTP/1.1", "", "404.8" },
        { "GET /App_Data/db.mdf HTTP/1.1", "", "404.8" },
        { "GET /source.cs HTTP/1.1", "", "404.7" },
        { "GET /a/evil/b HTTP/1.1", "", "404.5" },
        { "GET /echo?q=%3Cscript%3Ealert(1) HTTP/1.1", "", "404.18" },
        { "GET /echo?q=<script>x HTTP/1.1", "", "404.18" },
        { "GET /a%252fb HTTP/1.1", "", "404.11" },
        { "GET /a+b HTTP/1.1", "", "404.11" },
        { "GET /caf%C3%A9 HTTP/1.1", "", "404.12" },
        { "GET /" + new string('u', 100) + " HTTP/1.1", "", "404.14" },
        { "GET /echo?" + new string('q', 51) + " HTTP/1.1", "", "404.15" },
        { "GET /1/2/3/4/5/6/7 HTTP/1.1", "", "404.20" },
        { "GET /echo HTTP/1.1", "User-Agent: sqlmap/1.8\r\n", "404.19" },
        { "GET /page.php?cmd=eval(x) HTTP/1.1", "", "404.19" },
        { "GET /echo HTTP/1.1", "X-Big: 12345678901\r\n", "431.0" },
        { "POST /echo HTTP/1.1", "Content-Length: 1001\r\n", "413.1" },
        { "POST /admin/users HTTP/1.1", "Content-Length: 0\r\n", "404.6" },
    };

    public static TheoryData<string, string> Allowed => new()
    {
        // Requests near each rule that must reach the app (it answers 404 for paths it does not map).
        { "GET /echo HTTP/1.1", "" },
        { "GET /echo/evil HTTP/1.1", "" },
        { "GET /echo?q=%3Cscript%3Eok HTTP/1.1", "" },
        { "GET /binary/file.txt HTTP/1.1", "" },
        { "GET /1/2/3/4/5/6 HTTP/1.1", "" },
        { "GET /page.txt?cmd=eval(x) HTTP/1.1", "" },
        { "GET /echo HTTP/1.1", "X-Big: 1234567890\r\n" },
        { "POST /echo HTTP/1.1", "Content-Length: 1000\r\n" },
        { "POST /other/users HTTP/1.1", "Content-Length: 0\r\n" },
        { "GET /admin/users HTTP/1.1", "" },
    };

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task Denied_WithIisStatusAndSubStatus_AndNeverReachesTheApp(string requestLine, string headers, string iisStatus)
    {
        var before = (await fixture.BackendLogAsync()).Count;
        var (status, response) = await SendAsync(requestLine, headers, ContentLength(headers));

        Assert.Equal(int.Parse(iisStatus.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture), status);
        Assert.Contains($"HTTP Error {iisStatus} - ", response, StringComparison.Ordinal);
        Assert.True(fixture.Eyrie.Logs.Contains(EventIds.RequestDenied, iisStatus), "the denial and its sub-status are logged");
        Assert.Equal(before, (await fixture.BackendLogAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Allowed_ReachesTheApp(string requestLine, string headers)
    {
        var target = requestLine.Split(' ')[1];
        var (status, response) = await SendAsync(requestLine, headers, ContentLength(headers));

        Assert.DoesNotContain("HTTP Error", response, StringComparison.Ordinal);
        Assert.True(status is 200 or 404, $"status {status}");
        Assert.Contains(await fixture.BackendLogAsync(), r => r.Target == target);
    }

    [Fact]
    public async Task RemoveServerHeader_HidesTheAppsServerHeader()
    {
        using var client = fixture.Eyrie.CreateClient();
        using var response = await client.GetAsync("/echo", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), "the app's Server: Kestrel header is removed");
    }

    [Fact]
    public async Task ChunkedUploadOverTheDefaultLimit_IsCutAtTheLimit_AndTheAppSawAtMostTheLimit()
    {
        // A second Eyrie, with the default maxAllowedContentLength (30,000,000), and a 40 MB chunked body:
        // no Content-Length, so the limit can only hold while the body streams.
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(fixture.AppPath), output);
        const long limit = 30_000_000;
        const long sent = 40L << 20;

        var (status, response) = await ChunkedUploadAsync(eyrie.Port, "/upload", sent);

        Assert.Equal(413, status);
        Assert.Contains("HTTP Error 413.1 - ", response, StringComparison.Ordinal);
        using var client = eyrie.CreateClient();
        BackendRequest? upload = null;
        await Poll.UntilAsync(async () => (upload = (await BackendRequestLog.ReadAsync(client)).FirstOrDefault(r => r.Target == "/upload")) is not null, "the app has logged the cut upload");
        output.WriteLine($"the app read {upload!.BodyBytes} bytes of the {sent} sent (limit {limit}); its read failed with {upload.BodyFailure}");
        Assert.InRange(upload.BodyBytes, 0, limit);
        Assert.False(upload.BodyEnded, "the app never saw the cut body end as if it were complete");

        // Eyrie resets the worker connection: the app sees its client gone, not a malformed request of its own.
        Assert.NotNull(upload.BodyFailure);
        Assert.NotEqual("BadHttpRequestException", upload.BodyFailure);
    }

    private async Task<(int Status, string Response)> SendAsync(string requestLine, string headers, int bodyLength)
    {
        var exchange = await RawHttp.ExchangeAsync(fixture.Eyrie.Port, Encoding.Latin1.GetBytes($"{requestLine}\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n{new string('b', bodyLength)}"), TimeSpan.FromSeconds(30));
        Assert.True(exchange.Closed);
        return (exchange.Statuses.Single(), exchange.Response);
    }

    private static int ContentLength(string headers) =>
        headers.StartsWith("Content-Length: ", StringComparison.Ordinal) ? int.Parse(headers.AsSpan(16, headers.IndexOf('\r', StringComparison.Ordinal) - 16), System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Streams a chunked body until the server answers or stops reading; returns the answer.</summary>
    private static async Task<(int Status, string Response)> ChunkedUploadAsync(int port, string target, long length)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var cancellationToken = TestContext.Current.CancellationToken;
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"POST {target} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"), SocketFlags.None, cancellationToken);
        var receive = ReceiveAllAsync(socket, cancellationToken);
        var chunk = new byte[64 * 1024];
        var framed = new MemoryStream();
        framed.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
        framed.Write(chunk);
        framed.Write("\r\n"u8);
        var frame = framed.ToArray();
        try
        {
            for (long sent = 0; sent < length && !receive.IsCompleted; sent += chunk.Length)
            {
                await socket.SendAsync(frame, SocketFlags.None, cancellationToken);
            }

            await socket.SendAsync("0\r\n\r\n"u8.ToArray(), SocketFlags.None, cancellationToken);
        }
        catch (SocketException)
        {
            // The server closed the connection at the limit; its answer is read below.
        }

        var text = await receive;
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private static async Task<string> ReceiveAllAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // Reset after the answer: what was received is the answer.
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }
}
