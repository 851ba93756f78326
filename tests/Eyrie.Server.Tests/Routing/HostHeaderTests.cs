using Eyrie.Server.Routing;

namespace Eyrie.Server.Tests.Routing;

public sealed class HostHeaderTests
{
    [Theory]
    [InlineData("shop.test", "shop.test")]
    [InlineData("shop.test:8080", "shop.test")]
    [InlineData("shop.test.", "shop.test")]
    [InlineData("[::1]:443", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("127.0.0.1:80", "127.0.0.1")]
    [InlineData("", "")]
    public void GetHost_StripsPortBracketsAndTrailingDot(string value, string expected) =>
        Assert.Equal(expected, HostHeader.GetHost(value).ToString());
}
