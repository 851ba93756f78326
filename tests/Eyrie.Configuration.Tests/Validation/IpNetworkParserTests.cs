using System.Net;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration.Tests.Validation;

public sealed class IpNetworkParserTests
{
    [Theory]
    [InlineData("192.0.2.7", null, "192.0.2.7/32")]
    [InlineData("192.0.2.7", "255.255.255.0", "192.0.2.0/24")]
    [InlineData("192.0.2.7", "24", "192.0.2.0/24")]
    [InlineData("10.0.0.0/8", null, "10.0.0.0/8")]
    [InlineData("::ffff:192.0.2.7", null, "192.0.2.7/32")]
    [InlineData("::ffff:10.0.0.0/104", null, "10.0.0.0/8")]
    [InlineData("2001:db8::1", null, "2001:db8::1/128")]
    [InlineData("2001:db8::1", "ffff:ffff::", "2001:db8::/32")]
    [InlineData("2001:db8::/32", null, "2001:db8::/32")]
    [InlineData(" 192.0.2.7 ", null, "192.0.2.7/32")]
    [InlineData("10.9.8.7/8", null, "10.0.0.0/8")]
    public void Parses(string address, string? mask, string expected) =>
        Assert.Equal(IPNetwork.Parse(expected), IpNetworkParser.Parse(address, mask));

    [Theory]
    [InlineData("", null, "needs an ipAddress")]
    [InlineData("example.com", null, "not an IP address")]
    [InlineData("10.0.0.0/33", null, "not a CIDR range")]
    [InlineData("10.0.0.0/8", "255.0.0.0", "not both")]
    [InlineData("10.0.0.0", "255.0.255.0", "not contiguous")]
    [InlineData("10.0.0.0", "33", "longer than 32")]
    [InlineData("10.0.0.0", "ffff::", "same family")]
    public void Refuses_WithTheReason(string address, string? mask, string reason)
    {
        Assert.False(IpNetworkParser.TryParse(address, mask, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
