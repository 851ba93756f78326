using System.Net;
using System.Net.WebSockets;
using System.Text;
using Eyrie.Configuration;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>Live reload of eyrie.json: validated whole, diffed, and applied without disturbing what did not change.</summary>
public sealed class ReloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("reload");
    private readonly StaticFolder _siteA = StaticFolder.WithIndex("site a");
    private readonly StaticFolder _siteB = StaticFolder.WithIndex("site b");
    private readonly TestApp _app = TestApp.TestBackend();
    private readonly int _port = FreePort.Get();
    private readonly int _extraPort = FreePort.Get();

    public void Dispose()
    {
        _dir.Dispose();
        _siteA.Dispose();
        _siteB.Dispose();
        _app.Dispose();
    }

    private string ConfigText(bool withSiteB, string appVersion = "1") => $$"""
        {
          "sites": [
            {
              "name": "A",
              "bindings": [ { "port": {{_port}}, "host": "a.test" } ],
              "applications": [ { "path": "/app", "physicalPath": "{{_app.Path}}",
                                  "aspNetCore": { "environmentVariables": { "TESTBACKEND_VERSION": "{{appVersion}}" } } } ],
              "virtualDirectories": [ { "path": "/", "physicalPath": "{{_siteA.Path}}" } ]
            }{{(withSiteB ? $$"""
            ,
            {
              "name": "B",
              "bindings": [ { "port": {{_port}}, "host": "b.test" }, { "port": {{_extraPort}} } ],
              "virtualDirectories": [ { "path": "/", "physicalPath": "{{_siteB.Path}}" } ]
            }
            """ : "")}}
          ]
        }
        """;

    private async Task<EyrieTestHost> StartAsync(string text) =>
        await EyrieTestHost.StartAsync(EyrieConfigLoader.Load(_dir.Write("eyrie.json", text)), output);

    [Fact]
    public async Task TenReloadsAddingAndRemovingSites_UnderLoad_FailNoRequest_AndKeepAWebSocketOpen()
    {
        await using var eyrie = await StartAsync(ConfigText(withSiteB: false));
        using var client = Clients.Loopback();
        var pid = await client.GetStringAsync($"http://a.test:{_port}/app/pid", TestContext.Current.CancellationToken);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://a.test:{_port}/app/ws"), new HttpMessageInvoker(LoopbackHandler()), TestContext.Current.CancellationToken);

        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var completed = 0;
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in new[] { "/", "/app/pid" })
                {
                    try
                    {
                        using var response = await client.GetAsync($"http://a.test:{_port}{path}", CancellationToken.None);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            failures.Enqueue($"{path}: {(int)response.StatusCode}");
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        failures.Enqueue($"{path}: {ex.Message}");
                    }

                    Interlocked.Increment(ref completed);
                }
            }
        }, CancellationToken.None)));

        for (var i = 1; i <= 10; i++)
        {
            // Each reload happens while requests are flowing: a few complete between any two reloads.
            var before = Volatile.Read(ref completed);
            await Poll.UntilAsync(() => Volatile.Read(ref completed) >= before + 8, "requests ran since the last reload");
            var withSiteB = i % 2 == 1;
            File.WriteAllText(_dir.Combine("eyrie.json"), ConfigText(withSiteB));
            var result = await eyrie.Reloader.ReloadAsync(TestContext.Current.CancellationToken);
            Assert.True(result.Applied, result.Message + string.Join("\n", result.Diagnostics));
            using var siteB = await client.GetAsync($"http://b.test:{_port}/", TestContext.Current.CancellationToken);
            Assert.Equal(withSiteB ? HttpStatusCode.OK : HttpStatusCode.BadRequest, siteB.StatusCode);
            Assert.Equal(withSiteB ? 2 : 1, eyrie.Server.BoundPorts.Count);
        }

        await stop.CancelAsync();
        await load;
        output.WriteLine($"{completed} requests during 10 reloads, {failures.Count} failed");
        Assert.Empty(failures);

        // The unchanged application kept its worker, and the WebSocket to it stayed open.
        Assert.Equal(pid, await client.GetStringAsync($"http://a.test:{_port}/app/pid", TestContext.Current.CancellationToken));
        await socket.SendAsync(Encoding.UTF8.GetBytes("still here"), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal("still here", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task InvalidFile_IsRejectedWhole_TheLastGoodConfigKeepsServing_AndTheErrorNamesFileLineAndKey()
    {
        await using var eyrie = await StartAsync(ConfigText(withSiteB: false));
        using var client = Clients.Loopback();
        var broken = ConfigText(withSiteB: true).Replace($"\"port\": {_extraPort}", "\"port\": \"eighty\"", StringComparison.Ordinal);
        File.WriteAllText(_dir.Combine("eyrie.json"), broken);

        var result = await eyrie.Reloader.ReloadAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Applied);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(_dir.Combine("eyrie.json"), error.Location.File);
        Assert.Equal(broken.Split('\n').ToList().FindIndex(l => l.Contains("eighty", StringComparison.Ordinal)) + 1, error.Location.Line);
        Assert.Equal("sites[1].bindings[1].port", error.Key);
        Assert.Equal("site a", await client.GetStringAsync($"http://a.test:{_port}/", TestContext.Current.CancellationToken));
        using var siteB = await client.GetAsync($"http://b.test:{_port}/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, siteB.StatusCode);
        Assert.Single(eyrie.Server.BoundPorts);
    }

    [Fact]
    public async Task ChangedApplicationSettings_RecycleOverlapped_WhileTheOldWorkerFinishesItsRequest()
    {
        await using var eyrie = await StartAsync(ConfigText(withSiteB: false, appVersion: "one"));
        using var client = Clients.Loopback();
        Assert.Equal("one", await client.GetStringAsync($"http://a.test:{_port}/app/version", TestContext.Current.CancellationToken));
        var oldPid = await client.GetStringAsync($"http://a.test:{_port}/app/pid", TestContext.Current.CancellationToken);
        var slow = client.GetStringAsync($"http://a.test:{_port}/app/delay/2000", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => eyrie.Pool("/app").Workers.Single().ActiveRequests == 1, "the slow request reached the old worker");

        File.WriteAllText(_dir.Combine("eyrie.json"), ConfigText(withSiteB: false, appVersion: "two"));
        var result = await eyrie.Reloader.ReloadAsync(TestContext.Current.CancellationToken);

        // The old worker answers until the new one is ready, then the new one does: no request waits or fails.
        Assert.True(result.Applied);
        await Poll.UntilAsync(async () => await client.GetStringAsync($"http://a.test:{_port}/app/version", TestContext.Current.CancellationToken) == "two", "the new worker took over");
        Assert.NotEqual(oldPid, await client.GetStringAsync($"http://a.test:{_port}/app/pid", TestContext.Current.CancellationToken));
        Assert.Equal("done", await slow);
        await Poll.UntilAsync(() => !ProcessInfo.IsAlive(int.Parse(oldPid, System.Globalization.CultureInfo.InvariantCulture)), "the old worker stopped after its request");
    }

    [Fact]
    public async Task EditingTheFile_ReloadsIt()
    {
        await using var eyrie = await StartAsync(ConfigText(withSiteB: false));
        using var client = Clients.Loopback();

        File.WriteAllText(_dir.Combine("eyrie.json"), ConfigText(withSiteB: true));

        await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync($"http://b.test:{_port}/", TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }, "the edited file was applied");

        // The outcome is recorded once applying returns, which may be just after the new site answers (and a watcher
        // event for the truncated file may have recorded a refusal before the whole file was there).
        await Poll.UntilAsync(() => eyrie.Reloader.LastReload is { Applied: true }, "the applied reload is recorded");
    }

    private static SocketsHttpHandler LoopbackHandler() => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    };
}
