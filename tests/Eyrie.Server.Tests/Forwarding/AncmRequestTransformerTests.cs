using System.Net;
using Eyrie.Server.Forwarding;

namespace Eyrie.Server.Tests.Forwarding;

public sealed class AncmRequestTransformerTests
{
    [Theory]
    [InlineData("192.0.2.1", 5000, "192.0.2.1:5000")]
    [InlineData("::ffff:192.0.2.1", 5000, "192.0.2.1:5000")]
    [InlineData("2001:db8::1", 443, "[2001:db8::1]:443")]
    public void FormatClient_IsAncmsAddressAndPort(string address, int port, string expected) =>
        Assert.Equal(expected, AncmRequestTransformer.FormatClient(IPAddress.Parse(address), port));
}
