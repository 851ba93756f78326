using System.Net;

namespace Eyrie.Server.Security;

/// <summary>Everything that judges a request to one route (or one location of it), compiled.</summary>
/// <param name="Filter">Request filtering.</param>
/// <param name="IpRestriction">IP restrictions, if configured.</param>
/// <param name="DynamicIp">Dynamic IP limits, if configured and enabled.</param>
/// <param name="TrustedProxies">Whose X-Forwarded-For proxy mode believes.</param>
/// <param name="ConfigurationError">Set when the app's web.config security sections are invalid: every request is answered 500.19, as IIS does, rather than served without them.</param>
public sealed record SecurityPolicy(RequestFilter Filter, IpRestriction? IpRestriction, DynamicIpLimiter? DynamicIp, IReadOnlyList<IPNetwork> TrustedProxies, string? ConfigurationError = null);
