using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>Many sites on one port, told apart by host name and local address with IIS precedence (iis-ancm.md §8.1).</summary>
public sealed class SiteBindingTests(ITestOutputHelper output)
{
    private static SiteConfig StaticSite(string name, string folder, params BindingConfig[] bindings) => new()
    {
        Name = name,
        Bindings = ConfigList.From(bindings),
        VirtualDirectories = [new VirtualDirectoryConfig { Path = "/", PhysicalPath = folder }],
    };

    [Fact]
    public async Task HostNames_OnOnePort_ReachTheirSites_ExactBeforeWildcardBeforeAny()
    {
        using var exact = StaticFolder.WithIndex("exact");
        using var wildcard = StaticFolder.WithIndex("wildcard");
        using var any = StaticFolder.WithIndex("any");
        var port = FreePort.Get();
        var config = new EyrieConfig
        {
            Sites =
            [
                StaticSite("Exact", exact.Path, new BindingConfig { Port = port, Host = "shop.example.test" }),
                StaticSite("Wildcard", wildcard.Path, new BindingConfig { Port = port, Host = "*.example.test" }),
                StaticSite("Any", any.Path, new BindingConfig { Port = port }),
            ],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = Clients.Loopback();

        async Task<string> Get(string host) => await client.GetStringAsync($"http://{host}:{port}/", TestContext.Current.CancellationToken);

        Assert.Equal("exact", await Get("shop.example.test"));
        Assert.Equal("exact", await Get("SHOP.Example.TEST"));
        Assert.Equal("wildcard", await Get("blog.example.test"));
        Assert.Equal("wildcard", await Get("a.b.example.test"));
        Assert.Equal("any", await Get("example.test"));
        Assert.Equal("any", await Get("other.test"));
        Assert.Single(eyrie.Server.BoundPorts);
    }

    [Fact]
    public async Task UnknownHost_WithoutACatchAllBinding_Gets400InvalidHostname()
    {
        using var site = StaticFolder.WithIndex("named");
        var port = FreePort.Get();
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig { Sites = [StaticSite("Named", site.Path, new BindingConfig { Port = port, Host = "named.test" })] }, output);
        using var client = Clients.Loopback();

        using var response = await client.GetAsync($"http://unknown.test:{port}/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid Hostname", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecificAddress_WinsOverStar_OnTheSamePort()
    {
        using var specific = StaticFolder.WithIndex("specific");
        using var star = StaticFolder.WithIndex("star");
        var port = FreePort.Get();
        var config = new EyrieConfig
        {
            Sites =
            [
                StaticSite("Specific", specific.Path, new BindingConfig { Port = port, Address = "127.0.0.1" }),
                StaticSite("Star", star.Path, new BindingConfig { Port = port, Address = "*" }),
            ],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);

        // One socket on every address serves both: the connection's local address picks the site.
        Assert.Single(eyrie.Server.BoundPorts);
        using var viaLoopback = new HttpClient();
        Assert.Equal("specific", await viaLoopback.GetStringAsync($"http://127.0.0.1:{port}/", TestContext.Current.CancellationToken));
        Assert.Equal("star", await viaLoopback.GetStringAsync($"http://127.0.0.2:{port}/", TestContext.Current.CancellationToken));
        Assert.Equal("star", await viaLoopback.GetStringAsync($"http://[::1]:{port}/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IPv6Binding_IsServed()
    {
        using var site = StaticFolder.WithIndex("v6");
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig { Sites = [StaticSite("V6", site.Path, new BindingConfig { Port = 0, Address = "::1" })] }, output);
        using var client = new HttpClient();

        Assert.Equal("v6", await client.GetStringAsync($"http://[::1]:{eyrie.Port}/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TwoHostNames_ReachTwoApps_CheckedWithCurlResolve()
    {
        using var shop = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "shop"));
        using var blog = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "blog"));
        var port = FreePort.Get();
        var config = new EyrieConfig
        {
            Sites =
            [
                new SiteConfig { Name = "Shop", Bindings = [new BindingConfig { Port = port, Host = "shop.test" }], Applications = [new ApplicationConfig { Path = "/", PhysicalPath = shop.Path }] },
                new SiteConfig { Name = "Blog", Bindings = [new BindingConfig { Port = port, Host = "blog.test" }], Applications = [new ApplicationConfig { Path = "/", PhysicalPath = blog.Path }] },
            ],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);

        async Task<string> Curl(string host)
        {
            var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("curl", ["-sS", "--resolve", $"{host}:{port}:127.0.0.1", $"http://{host}:{port}/version"]);
            Assert.True(exitCode == 0, stderr);
            return stdout;
        }

        Assert.Equal("shop", await Curl("shop.test"));
        Assert.Equal("blog", await Curl("blog.test"));
        var (_, unknown, _) = await ExternalTool.RunAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--resolve", $"nowhere.test:{port}:127.0.0.1", $"http://nowhere.test:{port}/version"]);
        Assert.Equal("400", unknown);
    }
}
