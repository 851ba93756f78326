using Eyrie.Server.Routing;

namespace Eyrie.Server.Tests.Routing;

public sealed class SiteRouteTests
{
    private static readonly SiteRoute Site = new("s", [
        ApplicationRoute.ForVirtualDirectory("s", "/", "/srv/root"),
        ApplicationRoute.ForVirtualDirectory("s", "/api", "/srv/api"),
        ApplicationRoute.ForVirtualDirectory("s", "/api/v2", "/srv/api2"),
    ]);

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
        var site = new SiteRoute("s", [ApplicationRoute.ForVirtualDirectory("s", "/shop", "/srv/shop")]);

        Assert.Null(site.Resolve("/"));
        Assert.Null(site.Resolve("/shopping"));
        Assert.NotNull(site.Resolve("/shop/cart"));
    }
}
