using System.Net;
using Eyrie.Configuration.Model.Security;
using Eyrie.Server.Security;

namespace Eyrie.Server.Tests.Security;

public sealed class IpRestrictionTests
{
    private static IpRestriction Restriction(bool? allowUnlisted, DenyAction? denyAction, params IpSecurityEntry[] entries)
    {
        var config = new IpSecurityConfig { AllowUnlisted = allowUnlisted, DenyAction = denyAction };
        return new IpRestriction(config, entries);
    }

    private static IpSecurityEntry Entry(string address, bool allowed, string? mask = null) => new() { IpAddress = address, SubnetMask = mask, Allowed = allowed };

    [Theory]
    [InlineData("10.1.2.3", false)]
    [InlineData("10.1.9.9", true)]
    [InlineData("10.2.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("2001:db8::5", true)]
    [InlineData("2001:db9::5", false)]
    public void FirstMatchingRuleWins_ThenAllowUnlisted(string client, bool allowed)
    {
        var restriction = Restriction(false, null,
            Entry("10.1.2.3", false),
            Entry("10.1.0.0", true, "255.255.0.0"),
            Entry("10.2.0.0/16", true),
            Entry("2001:db8::", true, "32"));

        Assert.Equal(!allowed, restriction.Check(IPAddress.Parse(client)).IsDenied);
    }

    [Theory]
    [InlineData(null, 403, false)]
    [InlineData(DenyAction.Forbidden, 403, false)]
    [InlineData(DenyAction.Unauthorized, 401, false)]
    [InlineData(DenyAction.NotFound, 404, false)]
    [InlineData(DenyAction.AbortRequest, 0, true)]
    public void DenyAction_GivesItsStatus_WithSubStatus503(DenyAction? action, int status, bool abort)
    {
        var decision = Restriction(true, action, Entry("192.0.2.1", false)).Check(IPAddress.Parse("192.0.2.1"));

        Assert.Equal(new SecurityDecision(status, 503, abort), decision);
    }

    [Fact]
    public void AnIPv4MappedEntry_IsAnIPv4Rule()
    {
        var restriction = Restriction(true, null, Entry("::ffff:192.0.2.1", false));

        Assert.True(restriction.Check(IPAddress.Parse("192.0.2.1")).IsDenied);
    }
}
