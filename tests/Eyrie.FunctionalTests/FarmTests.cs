using System.Collections.Concurrent;
using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Farms;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>Applications that forward to a web farm of remote servers, through YARP's clusters.</summary>
public sealed class FarmTests(ITestOutputHelper output)
{
    private const int FarmServerUnhealthy = 2040;
    private const int FarmRetry = 2043;

    [Fact]
    public async Task FarmOfThree_OneGoesDown_IdempotentRequestsNeverFail_AndItReturnsWhenRestarted()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var b = await FarmServer.StartAsync("b");
        await using var c = await FarmServer.StartAsync("c");
        await using var eyrie = await EyrieTestHost.StartAsync(FarmConfig(new FarmHealthCheckConfig { Url = "/health", Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(10) }, a, b, c), output);
        using var client = eyrie.CreateClient();
        await Poll.UntilAsync(async () => (await ServersAnsweringAsync(client, 9)).SetEquals(["a", "b", "c"]), "all three servers take traffic");

        var failures = new ConcurrentQueue<string>();
        var answeredBy = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await client.GetTextAsync("/page");
                if (status != 200)
                {
                    failures.Enqueue($"{status}: {body}");
                }

                answeredBy.AddOrUpdate(body, 1, (_, n) => n + 1);
            }
        })));

        await b.StopAsync();
        await Poll.UntilAsync(() => eyrie.Logs.Contains(FarmServerUnhealthy, "server 127.0.0.1:" + b.Port), "the health test takes b out");
        using var admin = Clients.Admin(eyrie.AdminSocket);
        var farms = await admin.GetStringAsync("/api/farms", TestContext.Current.CancellationToken);
        var servers = System.Text.Json.JsonDocument.Parse(farms).RootElement[0].GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(("Unhealthy", false), (servers[$"127.0.0.1:{b.Port}:443"].GetProperty("activeHealth").GetString(), servers[$"127.0.0.1:{b.Port}:443"].GetProperty("inRotation").GetBoolean()));
        Assert.Equal(("Healthy", true), (servers[$"127.0.0.1:{a.Port}:443"].GetProperty("activeHealth").GetString(), servers[$"127.0.0.1:{a.Port}:443"].GetProperty("inRotation").GetBoolean()));
        var (a0, c0) = (answeredBy.GetValueOrDefault("a"), answeredBy.GetValueOrDefault("c"));
        await Poll.UntilAsync(() => answeredBy.GetValueOrDefault("a") > a0 + 50 && answeredBy.GetValueOrDefault("c") > c0 + 50, "a and c carry the traffic");

        // Back once its health test passes and the passive check's reactivation period has run out.
        await b.StartAsync();
        var before = answeredBy.GetValueOrDefault("b");
        await Poll.UntilAsync(() => answeredBy.GetValueOrDefault("b") > before + 20, "b takes traffic again once its health test passes");
        await stop.CancelAsync();
        await load;

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ServerThatCannotBeConnectedTo_GetRequestGoesToAnotherServer_WithoutWaitingForHealthChecks()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var b = await FarmServer.StartAsync("b");
        await using var eyrie = await EyrieTestHost.StartAsync(FarmConfig(health: null, a, b), output);
        using var client = eyrie.CreateClient();
        await b.StopAsync();

        // Round robin sends every other request to b: each must be retried on a, and none may fail.
        var answers = new List<(int, string)>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetTextAsync("/page"));
        }

        Assert.All(answers, r => Assert.Equal((200, "a"), r));
        Assert.True(eyrie.Logs.Count(FarmRetry) >= 1);
    }

    [Fact]
    public async Task PostToAServerThatIsDown_IsNotRetried_AndGets502Point3()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var eyrie = await EyrieTestHost.StartAsync(FarmConfig(health: null, a), output);
        using var client = eyrie.CreateClient();
        await a.StopAsync();

        using var response = await client.PostAsync("/form", new StringContent("x=1"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("502.3", body, StringComparison.Ordinal);
        Assert.Equal(0, eyrie.Logs.Count(FarmRetry));
    }

    [Fact]
    public async Task NoHealthyServer_Gets503_NamingTheFarm()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var eyrie = await EyrieTestHost.StartAsync(FarmConfig(new FarmHealthCheckConfig { Url = "/health", Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(10) }, a), output);
        using var client = eyrie.CreateClient();
        Assert.Equal((200, "a"), await client.GetTextAsync("/"));

        await a.StopAsync();
        await Poll.UntilAsync(() => eyrie.Logs.Contains(FarmServerUnhealthy, "Web farm backends"), "the health test takes the only server out");
        var (status, body) = await client.GetTextAsync("/");

        Assert.Equal(503, status);
        Assert.Contains("No server of web farm &#x27;backends&#x27; is available", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieAffinity_KeepsAClientOnOneServer_WhileOthersAreSpread()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var b = await FarmServer.StartAsync("b");
        await using var c = await FarmServer.StartAsync("c");
        var config = FarmConfig(health: null, a, b, c);
        config = config with
        {
            WebFarms = [config.WebFarms[0] with { ApplicationRequestRouting = new WebFarmRoutingConfig { Affinity = new FarmAffinityConfig { UseCookie = true } } }],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();

        using var first = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var server = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("ARRAffinity=", cookie, StringComparison.Ordinal);
        var pair = cookie.Split(';')[0];

        var withCookie = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", pair);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            withCookie.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal([server], withCookie);
        Assert.Equal(3, (await ServersAnsweringAsync(client, 6)).Count);
    }

    [Fact]
    public async Task WeightedRoundRobin_SpreadsRequestsByTheServersWeights()
    {
        await using var a = await FarmServer.StartAsync("a");
        await using var b = await FarmServer.StartAsync("b");
        var config = FarmConfig(health: null, a, b);
        var farm = config.WebFarms[0];
        config = config with
        {
            WebFarms = [farm with { Servers = [farm.Servers[0] with { ApplicationRequestRouting = farm.Servers[0].ApplicationRequestRouting! with { Weight = 300 } }, farm.Servers[1]] }],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await client.GetTextAsync("/")).Body);
        }

        Assert.Equal(6, answers.Count(s => s == "a"));
        Assert.Equal(2, answers.Count(s => s == "b"));
    }

    private static async Task<HashSet<string>> ServersAnsweringAsync(HttpClient client, int requests)
    {
        var servers = new HashSet<string>();
        for (var i = 0; i < requests; i++)
        {
            var (status, body) = await client.GetTextAsync("/");
            if (status == 200)
            {
                servers.Add(body);
            }
        }

        return servers;
    }

    private static EyrieConfig FarmConfig(FarmHealthCheckConfig? health, params FarmServer[] servers) => new()
    {
        WebFarms =
        [
            new WebFarmConfig
            {
                Name = "backends",
                Servers = [.. servers.Select(s => new WebFarmServerConfig { Address = "127.0.0.1", ApplicationRequestRouting = new ServerRoutingConfig { HttpPort = s.Port } })],
                ApplicationRequestRouting = new WebFarmRoutingConfig
                {
                    HealthCheck = health,
                    // Out for 2 s after failed requests, so that a restarted server returns within a test's patience.
                    PassiveHealthCheck = new PassiveHealthCheckConfig { ReactivationPeriod = TimeSpan.FromSeconds(2) },
                    LoadBalancing = new FarmLoadBalancingConfig { Algorithm = FarmLoadBalancingAlgorithm.WeightedRoundRobin },
                },
            },
        ],
        Sites =
        [
            new SiteConfig
            {
                Name = "Test",
                Bindings = [new BindingConfig { Port = 0 }],
                Applications = [new ApplicationConfig { Path = "/", WebFarm = "backends" }],
            },
        ],
    };
}
