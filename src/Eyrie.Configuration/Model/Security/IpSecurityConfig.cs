using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>system.webServer/security/ipSecurity</c>: rules by client address, first match wins.</summary>
public sealed record IpSecurityConfig
{
    [Description("Allow clients no rule matches (IIS default true).")]
    public bool? AllowUnlisted { get; init; }

    [Description("The answer to a denied client (IIS default forbidden, sub-status 503).")]
    public DenyAction? DenyAction { get; init; }

    [Description("Judge the client address in X-Forwarded-For, trusted only from the site's trustedProxies.")]
    public bool? EnableProxyMode { get; init; }

    [Description("Not supported: domain-name rules need reverse DNS on every request.")]
    public bool? EnableReverseDns { get; init; }

    [Description("Drop the inherited rules, as <clear/> does.")]
    public bool Clear { get; init; }

    [Description("Inherited entries to drop, named by ipAddress, subnetMask and domainName, as <remove> elements.")]
    public ConfigList<IpSecurityEntry> Remove { get; init; } = [];

    [Description("The rules, evaluated in order.")]
    public ConfigList<IpSecurityEntry> Add { get; init; } = [];
}
