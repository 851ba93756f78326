using Eyrie.Configuration.Import;

namespace Eyrie.Configuration.Tests.Import;

public sealed class BindingInformationTests
{
    [Theory]
    [InlineData("*:80:", "*", 80, "")]
    [InlineData(":80:", "*", 80, "")]
    [InlineData("*:443:shop.contoso.com", "*", 443, "shop.contoso.com")]
    [InlineData("10.0.0.5:8080:", "10.0.0.5", 8080, "")]
    [InlineData("[2001:db8::15]:443:", "2001:db8::15", 443, "")]
    [InlineData("[::1]:8443:local.test", "::1", 8443, "local.test")]
    [InlineData("*:443:*.tenants.contoso.com", "*", 443, "*.tenants.contoso.com")]
    public void TryParse_ReadsAddressPortAndHost(string text, string address, int port, string host)
    {
        Assert.True(BindingInformation.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(new BindingInformation(address, port, host), parsed);
    }

    [Theory]
    [InlineData("*:80", "needs its colon")]
    [InlineData("808:*", "needs its colon")]
    [InlineData("*", "not address:port:host")]
    [InlineData("*:0:", "not a port")]
    [InlineData("*:65536:", "not a port")]
    [InlineData("*:http:", "not a port")]
    [InlineData("10.0.0.300:80:", "not an IP address")]
    [InlineData("2001:db8::1:443:", "not a port")]
    [InlineData("[2001:db8::1:443:", "brackets")]
    public void TryParse_Malformed_ExplainsWhy(string text, string expected)
    {
        Assert.False(BindingInformation.TryParse(text, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
