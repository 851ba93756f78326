using System.Net;
using Eyrie.Server.Security;
using Microsoft.Extensions.Primitives;

namespace Eyrie.Server.Tests.Security;

public sealed class ClientAddressTests
{
    private static readonly IPNetwork[] Proxies = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("2001:db8::/32")];

    [Theory]
    [InlineData("10.0.0.1", "203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.1", "203.0.113.7, 10.0.0.2", "203.0.113.7")]
    [InlineData("10.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7")]
    [InlineData("10.0.0.1", "203.0.113.7:4711", "203.0.113.7")]
    [InlineData("10.0.0.1", "[2001:db9::1]:443", "2001:db9::1")]
    [InlineData("10.0.0.1", "garbage", "10.0.0.1")]
    [InlineData("10.0.0.1", "198.51.100.1, garbage", "10.0.0.1")]
    [InlineData("10.0.0.1", "garbage, 198.51.100.1", "198.51.100.1")]
    [InlineData("::ffff:10.0.0.1", "203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::9", "::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("192.0.2.1", "203.0.113.7", "192.0.2.1")]
    [InlineData("10.0.0.1", "", "10.0.0.1")]
    public void ForwardedFor_IsBelievedOnlyAlongTheChainOfTrustedProxies(string peer, string forwardedFor, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.Resolve(IPAddress.Parse(peer), forwardedFor, Proxies));

    [Fact]
    public void SeveralForwardedForHeaders_AreOneList()
    {
        var headers = new StringValues(["198.51.100.1", "203.0.113.7, 10.0.0.3"]);

        Assert.Equal(IPAddress.Parse("203.0.113.7"), ClientAddress.Resolve(IPAddress.Parse("10.0.0.1"), headers, Proxies));
    }

    [Fact]
    public void WithoutTrustedProxies_ThePeerIsTheClient() =>
        Assert.Equal(IPAddress.Parse("10.0.0.1"), ClientAddress.Resolve(IPAddress.Parse("10.0.0.1"), "203.0.113.7", []));
}
