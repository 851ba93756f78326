using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>An entry of IIS's <c>ipSecurity</c>: an address or range, allowed or denied.</summary>
public sealed record IpSecurityEntry : IKeyedEntry
{
    /// <summary>IIS's unique key of an ipSecurity entry: the address, mask and domain name together.</summary>
    string IKeyedEntry.Key => $"{IpAddress}|{SubnetMask}|{DomainName}";

    [Description("An IPv4 or IPv6 address, or a range in CIDR form (10.0.0.0/8, 2001:db8::/32).")]
    public string? IpAddress { get; init; }

    [Description("A subnet mask for ipAddress, e.g. 255.255.0.0 (IIS default 255.255.255.255).")]
    public string? SubnetMask { get; init; }

    [Description("A domain name rule; not supported (it needs reverse DNS on every request).")]
    public string? DomainName { get; init; }

    [Description("Allow (true) or deny (false, IIS default) the clients it matches.")]
    public bool Allowed { get; init; }
}
