using System.Net;
using System.Net.Sockets;
using System.Text;
using Eyrie.FunctionalTests.Fixtures;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Server;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// IIS's dynamicIpSecurity and Eyrie's per-client connection cap, with clients on different 127.0.0.x source
/// addresses: the abusive client is cut off, the others are not touched.
/// </summary>
public sealed class DynamicIpSecurityTests(DynamicIpSecurityFixture eyrie) : IClassFixture<DynamicIpSecurityFixture>
{
    private static readonly IPAddress Abusive = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Polite = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task OverTheRequestRate_Denied502_WhileAnotherClientUnderIt_IsNot()
    {
        using var abusive = Clients.Loopback(Abusive);
        using var polite = Clients.Loopback(Polite);

        var statuses = new List<int>();
        for (var i = 0; i < DynamicIpSecurityFixture.MaxRequests + 3; i++)
        {
            statuses.Add(await StatusAsync(abusive, "/rate/page"));
            if (i % 3 == 0)
            {
                Assert.NotEqual(403, await StatusAsync(polite, "/rate/page"));
            }
        }

        Assert.All(statuses.Take(DynamicIpSecurityFixture.MaxRequests), s => Assert.NotEqual(403, s));
        Assert.All(statuses.Skip(DynamicIpSecurityFixture.MaxRequests), s => Assert.Equal(403, s));
        var (_, page) = await abusive.GetTextAsync($"http://localhost:{eyrie.Port}/rate/page");
        Assert.Contains("HTTP Error 403.502 - ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingOnlyMode_ServesEveryRequest_AndLogsTheClientThatWouldBeDenied()
    {
        using var client = Clients.Loopback(IPAddress.Parse("127.0.0.4"));

        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(403, await StatusAsync(client, "/watched/page"));
        }

        Assert.True(eyrie.Eyrie.Logs.Count(EventIds.DynamicIpLoggedOnly) >= 2, "requests over the rate are logged");
    }

    [Fact]
    public async Task ConcurrencyCap_AdmitsExactlyTheConfiguredNumber()
    {
        using var abusive = Clients.Loopback(Abusive);
        using var polite = Clients.Loopback(Polite);
        using var observer = eyrie.Eyrie.CreateClient();
        var gate = $"gate-{Guid.NewGuid():N}";

        var held = Enumerable.Range(0, DynamicIpSecurityFixture.MaxConcurrentRequests).Select(_ => abusive.GetTextAsync($"http://localhost:{eyrie.Port}/wait/{gate}")).ToList();
        await WaitUntilHeldAsync(observer, gate, DynamicIpSecurityFixture.MaxConcurrentRequests);

        var (status, page) = await abusive.GetTextAsync($"http://localhost:{eyrie.Port}/wait/{gate}");
        Assert.Equal(403, status);
        Assert.Contains("HTTP Error 403.501 - ", page, StringComparison.Ordinal);

        // Another client is not affected by the first one's requests.
        held.Add(polite.GetTextAsync($"http://localhost:{eyrie.Port}/wait/{gate}"));
        await WaitUntilHeldAsync(observer, gate, DynamicIpSecurityFixture.MaxConcurrentRequests + 1);

        Assert.Equal(200, (await observer.GetTextAsync($"/release/{gate}")).Status);
        Assert.All(await Task.WhenAll(held), r => Assert.Equal((200, "released"), r));

        // The slots were given back when the requests ended.
        Assert.Equal(200, (await abusive.GetTextAsync($"http://localhost:{eyrie.Port}/wait/{gate}")).Status);
    }

    [Fact]
    public async Task ConnectionsPerClient_OverTheCap_AreClosed_OtherClientsAreServed()
    {
        var client = IPAddress.Parse("127.0.0.7");
        var open = new List<Socket>();
        try
        {
            for (var i = 0; i < DynamicIpSecurityFixture.MaxConnectionsPerClient; i++)
            {
                // A full request and answer on each: the connection is surely counted before the next one.
                open.Add(await KeepAliveConnectionAsync(client));
            }

            var refused = await RawHttp.ExchangeAsync(eyrie.Port, Request("/echo"), TimeSpan.FromSeconds(10), client);
            Assert.True(refused.Closed, "the connection over the cap is closed");
            Assert.Empty(refused.Response);

            var other = await RawHttp.ExchangeAsync(eyrie.Port, Request("/echo"), TimeSpan.FromSeconds(10), IPAddress.Parse("127.0.0.8"));
            Assert.Equal([200], other.Statuses);

            // Closing one connection frees its place.
            open[0].Dispose();
            await Poll.UntilAsync(async () => (await RawHttp.ExchangeAsync(eyrie.Port, Request("/echo"), TimeSpan.FromSeconds(10), client)).Statuses is [200], "a connection from the client is accepted again");
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    private async Task<int> StatusAsync(HttpClient client, string path) =>
        (await client.GetTextAsync($"http://localhost:{eyrie.Port}{path}")).Status;

    private static Task WaitUntilHeldAsync(HttpClient observer, string gate, int count) =>
        Poll.UntilAsync(async () => (await observer.GetTextAsync($"/waiting/{gate}")).Body == count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{count} requests wait at the gate");

    private async Task<Socket> KeepAliveConnectionAsync(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, eyrie.Port), TestContext.Current.CancellationToken);
        await socket.SendAsync("GET /pid HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), SocketFlags.None, TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken);
        Assert.StartsWith("HTTP/1.1 200 ", Encoding.Latin1.GetString(buffer, 0, received), StringComparison.Ordinal);
        return socket;
    }

    private static byte[] Request(string path) => Encoding.Latin1.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}
