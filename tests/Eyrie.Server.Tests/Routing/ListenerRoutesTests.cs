using System.Net;
using Eyrie.Server.Routing;

namespace Eyrie.Server.Tests.Routing;

public sealed class ListenerRoutesTests
{
    private static readonly IPAddress Local = IPAddress.Parse("10.0.0.5");

    private static SiteRoute Site(string name) => new(name, []);

    private static string? Resolve(ListenerRoutes routes, string host, IPAddress? local = null) =>
        routes.ResolveSite(local ?? Local, host)?.Name;

    [Fact]
    public void ResolveSite_ExactHost_BeatsWildcard_BeatsAnyHost()
    {
        var routes = new ListenerRoutes([
            new BindingRoute(null, "", Site("any")),
            new BindingRoute(null, "*.example.com", Site("wildcard")),
            new BindingRoute(null, "shop.example.com", Site("exact")),
        ]);

        Assert.Equal("exact", Resolve(routes, "shop.example.com"));
        Assert.Equal("exact", Resolve(routes, "SHOP.Example.COM"));
        Assert.Equal("wildcard", Resolve(routes, "blog.example.com"));
        Assert.Equal("wildcard", Resolve(routes, "a.b.example.com"));
        Assert.Equal("any", Resolve(routes, "example.com"));
        Assert.Equal("any", Resolve(routes, "other.test"));
        Assert.Equal("any", Resolve(routes, ""));
    }

    [Fact]
    public void ResolveSite_LongerWildcard_WinsOverShorter()
    {
        var routes = new ListenerRoutes([
            new BindingRoute(null, "*.example.com", Site("short")),
            new BindingRoute(null, "*.eu.example.com", Site("long")),
        ]);

        Assert.Equal("long", Resolve(routes, "shop.eu.example.com"));
        Assert.Equal("short", Resolve(routes, "shop.us.example.com"));
    }

    [Fact]
    public void ResolveSite_SpecificAddress_BeatsAnyAddress_AtEqualHostRank()
    {
        var routes = new ListenerRoutes([
            new BindingRoute(null, "", Site("star")),
            new BindingRoute(Local, "", Site("specific")),
        ]);

        Assert.Equal("specific", Resolve(routes, "x.test"));
        Assert.Equal("star", Resolve(routes, "x.test", IPAddress.Parse("10.0.0.6")));
    }

    [Fact]
    public void ResolveSite_IPv4MappedLocalAddress_MatchesTheIPv4Binding()
    {
        var routes = new ListenerRoutes([new BindingRoute(Local, "", Site("specific"))]);

        Assert.Equal("specific", Resolve(routes, "x", Local.MapToIPv6()));
    }

    [Fact]
    public void ResolveSite_NoMatchingBinding_IsNull()
    {
        var routes = new ListenerRoutes([new BindingRoute(null, "a.test", Site("a"))]);

        Assert.Null(Resolve(routes, "b.test"));
        Assert.Null(Resolve(routes, "xa.test"));
    }

    [Fact]
    public void ResolveSite_WildcardDoesNotMatchItsOwnDomain()
    {
        var routes = new ListenerRoutes([new BindingRoute(null, "*.example.com", Site("w"))]);

        Assert.Null(Resolve(routes, "example.com"));
        Assert.Null(Resolve(routes, ".example.com"));
    }
}
