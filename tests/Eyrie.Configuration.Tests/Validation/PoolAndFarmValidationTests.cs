using Eyrie.Configuration.Model.Farms;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Validation;

public sealed class PoolAndFarmValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new("pools");

    public PoolAndFarmValidationTests()
    {
        _dir.CreateFolder("app");
        _dir.Write("app/web.config", """<configuration><system.webServer><aspNetCore processPath="dotnet" arguments="./App.dll" /></system.webServer></configuration>""");
    }

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string json) => EyrieConfigLoader.TryLoad(_dir.Write("eyrie.json", json));

    private static string Site(string application) =>
        $$"""{ "name": "Shop", "bindings": [ { "port": 8080 } ], "applications": [ {{application}} ] }""";

    [Fact]
    public void AFullApplicationPool_Loads_WithIisNames()
    {
        var result = Load($$"""
            { "sites": [ {{Site("""
              { "path": "/", "physicalPath": "app", "applicationPool": {
                "startMode": "AlwaysRunning", "queueLength": 500, "loadBalancing": "LeastRequests",
                                "recycling": { "periodicRestart": { "time": "1.00:00:00", "requests": 100000, "privateMemory": 512000, "schedule": { "add": [ { "value": "03:00:00" } ] } } },
                "failure": { "rapidFailProtectionMaxCrashes": 3, "rapidFailProtectionInterval": "00:01:00", "loadBalancerCapabilities": "TcpLevel" },
                "healthCheck": { "url": "/healthz", "statusCodes": "200" } } }
            """)}} ] }
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var pool = result.Config!.Config.Sites[0].Applications[0].ApplicationPool!;
        Assert.Equal(StartMode.AlwaysRunning, pool.StartMode);
        Assert.Equal(TimeSpan.FromHours(3), pool.Recycling!.PeriodicRestart!.Schedule!.Add.Single().Value);
        Assert.Equal(LoadBalancerCapabilities.TcpLevel, pool.Failure!.LoadBalancerCapabilities);
    }

    [Fact]
    public void AQueueLengthOutOfIisRange_IsAnErrorAtItsKey()
    {
        var error = Assert.Single(Load($$"""{ "sites": [ {{Site("""{ "path": "/", "physicalPath": "app", "applicationPool": { "queueLength": 5 } }""")}} ] }""").Errors);

        Assert.Equal("sites[0].applications[0].applicationPool.queueLength", error.Key);
    }

    [Fact]
    public void AFarmApplication_Loads_AndReferencesItsFarmCaseInsensitively()
    {
        var result = Load($$"""
            { "webFarms": [ { "name": "Backends", "servers": [ { "address": "10.0.0.1", "applicationRequestRouting": { "httpPort": 8080, "weight": 200 } }, { "address": "app2.internal" } ],
                "applicationRequestRouting": { "loadBalancing": { "algorithm": "ClientIpHash" }, "healthCheck": { "url": "/health", "interval": "00:00:05", "responseMatch": "ok" },
                  "affinity": { "useCookie": true } } } ],
              "sites": [ {{Site("""{ "path": "/api", "webFarm": "backends" }""")}} ] }
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(FarmLoadBalancingAlgorithm.ClientIpHash, result.Config!.Config.WebFarms[0].ApplicationRequestRouting!.LoadBalancing!.Algorithm);
    }

    [Fact]
    public void AnUnknownFarm_IsAnError_ListingTheKnownOnes()
    {
        var error = Assert.Single(Load($$"""{ "webFarms": [ { "name": "Backends", "servers": [ { "address": "10.0.0.1" } ] } ], "sites": [ {{Site("""{ "path": "/", "webFarm": "backend" }""")}} ] }""").Errors);

        Assert.Equal("sites[0].applications[0].webFarm", error.Key);
        Assert.Contains("no web farm named 'backend'; the farms are Backends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApplicationWithBothAFolderAndAFarm_IsAnError()
    {
        var result = Load($$"""{ "webFarms": [ { "name": "B", "servers": [ { "address": "10.0.0.1" } ] } ], "sites": [ {{Site("""{ "path": "/", "physicalPath": "app", "webFarm": "B" }""")}} ] }""");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Key.StartsWith("sites[0].applications[0]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "B", "servers": [] }""", "webFarms[0].servers", "has no servers")]
    [InlineData("""{ "name": "B", "servers": [ { "address": "bad host!" } ] }""", "webFarms[0].servers[0].address", "is not a host name or IP address")]
    [InlineData("""{ "name": "B", "servers": [ { "address": "a" }, { "address": "A" } ] }""", "webFarms[0].servers[1].address", "listed twice")]
    [InlineData("""{ "name": "B", "servers": [ { "address": "a" } ], "applicationRequestRouting": { "healthCheck": { "url": "health" } } }""", "webFarms[0].applicationRequestRouting.healthCheck.url", "must be a path")]
    [InlineData("""{ "name": "B", "servers": [ { "address": "a" } ], "applicationRequestRouting": { "healthCheck": { "url": "/h", "statusCodes": "2xx" } } }""", "webFarms[0].applicationRequestRouting.healthCheck.statusCodes", "is not a status")]
    [InlineData("""{ "name": "B", "servers": [ { "address": "a" } ], "applicationRequestRouting": { "affinity": { "useCookie": true, "cookieName": "a b" } } }""", "webFarms[0].applicationRequestRouting.affinity.cookieName", "is not a cookie name")]
    public void ABrokenFarm_IsAnErrorAtItsKey(string farm, string key, string message)
    {
        var errors = Load($$"""{ "webFarms": [ {{farm}} ], "sites": [ {{Site("""{ "path": "/", "webFarm": "B" }""")}} ] }""").Errors;

        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
