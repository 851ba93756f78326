using System.Text;
using Eyrie.FunctionalTests.Fixtures;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>
/// Malformed HTTP/2 requests (RFC 9113 §8.2), written frame by frame, are refused at the edge and never reach
/// the app; Kestrel lets some of them through (hardening.md §1.3), Eyrie's header policy stops those.
/// </summary>
public sealed class Http2HardeningTests(HttpsFixture eyrie, ITestOutputHelper output) : IClassFixture<HttpsFixture>
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "transfer-encoding", "transfer-encoding", "chunked" },
        { "space-in-name", "bad name", "x" },
        { "colon-in-name", "bad:name", "x" },
        { "upper-case-name", "X-Upper", "x" },
        { "crlf-in-value", "x-evil", "a\r\ninjected: 1" },
        { "lf-in-value", "x-evil", "a\ninjected: 1" },
        { "nul-in-value", "x-evil", "a\0b" },
        { "control-in-value", "x-evil", "a\u0007b" },
        { "connection-header", "connection", "keep-alive" },
        { "keep-alive-header", "keep-alive", "timeout=5" },
        { "te-not-trailers", "te", "gzip" },
    };

    [Fact]
    public async Task WellFormedRequest_IsServed()
    {
        var outcome = await Http2Probe.SendAsync(eyrie.Port, Http2Probe.Get("/h2/ok", ("x-fine", "value"), ("te", "trailers")));

        Assert.Equal(404, outcome.Status); // the app's own 404: it received the request
        Assert.Contains(await eyrie.BackendLogAsync(), r => r.Target == "/h2/ok");
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedHeader_IsRejected_AndNeverReachesTheApp(string name, string header, string value)
    {
        var path = $"/h2/{name}";
        var outcome = await Http2Probe.SendAsync(eyrie.Port, Http2Probe.Get(path, (header, value)));

        output.WriteLine($"{name}: {outcome}");
        Assert.True(outcome.IsRejected, $"{name}: {outcome}");
        Assert.DoesNotContain(await eyrie.BackendLogAsync(), r => r.Target == path);
    }

    [Theory]
    [InlineData("/h2/space in path")]
    [InlineData("/h2/crlf\r\nX: y")]
    [InlineData("h2-no-slash")]
    public async Task MalformedPath_IsRejected(string path)
    {
        var outcome = await Http2Probe.SendAsync(eyrie.Port, Http2Probe.Get(path));

        output.WriteLine($"{path}: {outcome}");
        Assert.True(outcome.IsRejected, $"{path}: {outcome}");
    }

    [Fact]
    public async Task ContentLengthUnlikeTheData_IsRejected()
    {
        var headers = new List<(string, string)> { (":method", "POST"), (":scheme", "https"), (":authority", "localhost"), (":path", "/h2/length"), ("content-length", "10") };

        var outcome = await Http2Probe.SendAsync(eyrie.Port, headers, Encoding.ASCII.GetBytes("12345"));

        output.WriteLine(outcome.ToString());
        Assert.True(outcome.IsRejected, outcome.ToString());
        Assert.DoesNotContain(await eyrie.BackendLogAsync(), r => r.Target == "/h2/length" && r.BodyEnded);
    }
}
