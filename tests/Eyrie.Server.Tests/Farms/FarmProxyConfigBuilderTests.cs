using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Farms;
using Eyrie.Server.Farms;

namespace Eyrie.Server.Tests.Farms;

public sealed class FarmProxyConfigBuilderTests
{
    private static readonly WebFarmConfig Farm = new()
    {
        Name = "Backends",
        Servers =
        [
            new WebFarmServerConfig { Address = "10.0.0.1" },
            new WebFarmServerConfig { Address = "::1", ApplicationRequestRouting = new ServerRoutingConfig { HttpPort = 8080, HttpsPort = 8443, Weight = 300 } },
            new WebFarmServerConfig { Address = "10.0.0.3", Enabled = false },
        ],
    };

    [Fact]
    public void Defaults_AreArrs()
    {
        var cluster = FarmProxyConfigBuilder.Cluster(Farm);
        var settings = FarmProxyConfigBuilder.Settings(Farm);

        Assert.Equal("Backends", cluster.ClusterId);
        Assert.Equal(FarmPolicyNames.WeightedRoundRobin, cluster.LoadBalancingPolicy);
        Assert.Null(cluster.SessionAffinity);
        Assert.Null(cluster.HealthCheck!.Active);
        Assert.Equal(TimeSpan.FromSeconds(30), cluster.HealthCheck.Passive!.ReactivationPeriod);
        Assert.Equal(TimeSpan.FromMinutes(2), cluster.HttpRequest!.ActivityTimeout);
        Assert.Equal(3, settings.ConsecutiveFailures);
        Assert.True(settings.RetryIdempotentRequests);
        Assert.True(settings.HealthyStatuses.Contains(399) && !settings.HealthyStatuses.Contains(400));
    }

    [Fact]
    public void Servers_BecomeDestinations_OverHttpByDefault_WithTheirWeights_AndDisabledOnesLeftOut()
    {
        var destinations = FarmProxyConfigBuilder.Cluster(Farm).Destinations!;

        Assert.Equal(["10.0.0.1:80:443", "::1:8080:8443"], destinations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://10.0.0.1:80/", destinations["10.0.0.1:80:443"].Address);
        Assert.Equal("http://[::1]:8080/", destinations["::1:8080:8443"].Address);
        Assert.Equal("300", destinations["::1:8080:8443"].Metadata![FarmPolicyNames.WeightMetadata]);
    }

    [Fact]
    public void WithoutSslOffloading_ServersAreReachedOverHttpsOnTheirHttpsPort()
    {
        var farm = Farm with { ApplicationRequestRouting = new WebFarmRoutingConfig { Protocol = new FarmProtocolConfig { SslOffloading = false } } };

        Assert.Equal("https://[::1]:8443/", FarmProxyConfigBuilder.Cluster(farm).Destinations!["::1:8080:8443"].Address);
    }

    [Fact]
    public void ADisabledFarm_HasNoDestinations()
    {
        Assert.Empty(FarmProxyConfigBuilder.Cluster(Farm with { Enabled = false }).Destinations!);
    }

    [Fact]
    public void HealthTest_AffinityAndAlgorithm_MapToYarpsCluster()
    {
        var farm = Farm with
        {
            ApplicationRequestRouting = new WebFarmRoutingConfig
            {
                HealthCheck = new FarmHealthCheckConfig { Url = "/health?deep=1", Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(2) },
                Affinity = new FarmAffinityConfig { UseCookie = true },
                LoadBalancing = new FarmLoadBalancingConfig { Algorithm = FarmLoadBalancingAlgorithm.ClientIpHash },
            },
        };

        var cluster = FarmProxyConfigBuilder.Cluster(farm);

        Assert.Equal(FarmPolicyNames.ClientIpHash, cluster.LoadBalancingPolicy);
        Assert.Equal(("/health", "?deep=1"), (cluster.HealthCheck!.Active!.Path, cluster.HealthCheck.Active.Query));
        Assert.Equal(TimeSpan.FromSeconds(5), cluster.HealthCheck.Active.Interval);
        Assert.Equal(FarmPolicyNames.HealthTest, cluster.HealthCheck.Active.Policy);
        Assert.Equal("ArrCookie", cluster.SessionAffinity!.Policy);
        Assert.Equal("ARRAffinity", cluster.SessionAffinity.AffinityKeyName);
    }

    [Fact]
    public void Build_MakesARoutePerFarmApplication_AndAClusterPerFarmInUse()
    {
        var config = new EyrieConfig
        {
            WebFarms = [Farm, Farm with { Name = "Unused" }],
            Sites =
            [
                new SiteConfig
                {
                    Name = "Shop",
                    Bindings = [new BindingConfig { Port = 80 }],
                    Applications = [new ApplicationConfig { Path = "/API/", WebFarm = "backends" }, new ApplicationConfig { Path = "/", PhysicalPath = "/srv/app" }],
                },
            ],
        };

        var built = FarmProxyConfigBuilder.Build(config);

        var route = Assert.Single(built.Routes);
        Assert.Equal(("Shop/API", "Backends"), (route.RouteId, route.ClusterId));
        Assert.Equal("Backends", Assert.Single(built.Clusters).ClusterId);
        Assert.Contains(route.Transforms!, t => t.TryGetValue("RequestHeaderOriginalHost", out var v) && v == "true");
    }
}
