using Eyrie.Configuration.Model;
using Eyrie.Server.Routing;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eyrie.Server.Tests.Routing;

public sealed class SiteRouteTests
{
    // Declared first: static fields are initialised in order, and Site's routes use it.
    private static readonly SiteConfig SiteConfig = new() { Name = "s" };

    private static readonly SiteRoute Site = new("s", [Route("/"), Route("/api"), Route("/api/v2")]);

    private static ApplicationRoute Route(string path)
    {
        using var limiters = new DynamicIpLimiterRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        var security = new SecurityPolicyFactory(limiters).ForSite(SiteConfig);
        return ApplicationRoute.ForVirtualDirectory("s", path, new StaticFileSettings("/srv" + path, SiteConfig, new VirtualDirectoryConfig { Path = path, PhysicalPath = "/srv" + path }), security);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/index.html", "/")]
    [InlineData("/api", "/api")]
    [InlineData("/API/users", "/api")]
    [InlineData("/api/v2", "/api/v2")]
    [InlineData("/Api/V2/users", "/api/v2")]
    [InlineData("/api/v20", "/api")]
    [InlineData("/apix", "/")]
    public void Resolve_LongestMatchingPathWins_IgnoringCase(string requestPath, string expected) =>
        Assert.Equal(expected, Site.Resolve(requestPath)!.Path);

    [Fact]
    public void Resolve_NoRootApplication_UnmatchedPathIsNull()
    {
        var site = new SiteRoute("s", [Route("/shop")]);

        Assert.Null(site.Resolve("/"));
        Assert.Null(site.Resolve("/shopping"));
        Assert.NotNull(site.Resolve("/shop/cart"));
    }
}
