using System.Net;
using System.Net.Sockets;
using System.Text;
using Eyrie.FunctionalTests.Fixtures;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>
/// IIS's ipSecurity, with clients bound to different 127.0.0.x source addresses (IPv4 clients reach a dual-mode
/// listener as IPv4-mapped IPv6 addresses, which rules written for IPv4 must still match).
/// </summary>
public sealed class IpSecurityTests(IpSecurityFixture eyrie) : IClassFixture<IpSecurityFixture>
{
    [Theory]
    [InlineData("127.0.0.2", "/echo", "403.503")]
    [InlineData("127.0.0.3", "/echo", null)]
    [InlineData("127.0.0.3", "/members/list", "404.0")]
    [InlineData("127.0.0.9", "/members/list", "404.503")]
    [InlineData("127.0.0.2", "/members/list", "404.503")] // the site denies it; the location's deny action answers
    [InlineData("127.0.0.4", "/login", "401.503")]
    [InlineData("127.0.0.3", "/login", "404.0")]
    public async Task ClientAddress_IsAllowedOrDenied_WithTheDenyActionsStatus(string source, string path, string? denial)
    {
        var exchange = await GetAsync(IPAddress.Parse(source), path);

        if (denial is null or "404.0")
        {
            // Allowed: the app answers (it has /echo; other paths are its own 404).
            Assert.DoesNotContain(".503 - ", exchange.Response, StringComparison.Ordinal);
            Assert.Contains(await eyrie.BackendLogAsync(), r => r.Target == path);
        }
        else
        {
            Assert.Equal(int.Parse(denial[..3], System.Globalization.CultureInfo.InvariantCulture), exchange.Statuses.Single());
            Assert.Contains($"HTTP Error {denial} - ", exchange.Response, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AbortRequest_ClosesTheConnectionWithoutAnswer()
    {
        var exchange = await GetAsync(IPAddress.Parse("127.0.0.4"), "/abort/page");

        Assert.True(exchange.Closed);
        Assert.Empty(exchange.Response);
    }

    [Fact]
    public async Task IPv6Client_IsJudgedByItsIPv6Address()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "this machine has no IPv6");
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, eyrie.Port), TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync("GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var response = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 403 ", response, StringComparison.Ordinal);
        Assert.Contains("HTTP Error 403.503 - ", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.5", "203.0.113.7", true)]
    [InlineData("127.0.0.5", "198.51.100.1", false)]
    [InlineData("127.0.0.5", "203.0.113.7, 127.0.0.5", true)]
    [InlineData("127.0.0.5", "garbage, 198.51.100.1", false)]
    [InlineData("127.0.0.6", "203.0.113.7", false)]
    public async Task ProxyMode_BelievesXForwardedFor_OnlyFromTrustedProxies(string source, string forwardedFor, bool denied)
    {
        var exchange = await GetAsync(IPAddress.Parse(source), "/echo", $"X-Forwarded-For: {forwardedFor}\r\n");

        Assert.Equal(denied ? 403 : 200, exchange.Statuses.Single());
    }

    private async Task<RawExchange> GetAsync(IPAddress source, string path, string headers = "") =>
        await RawHttp.ExchangeAsync(eyrie.Port, Encoding.Latin1.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"), TimeSpan.FromSeconds(30), source);
}
