using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>system.webServer/security/dynamicIpSecurity</c>: per-client concurrency and rate limits.</summary>
public sealed record DynamicIpSecurityConfig
{
    [Description("The answer to a denied client (IIS default forbidden).")]
    public DenyAction? DenyAction { get; init; }

    [Description("Only log what would be denied (with its sub-status) and serve the request.")]
    public bool? EnableLoggingOnlyMode { get; init; }

    [Description("Count the client address in X-Forwarded-For, trusted only from the site's trustedProxies.")]
    public bool? EnableProxyMode { get; init; }

    [Description("Limit the requests one client has in progress.")]
    public ConcurrentRequestsLimitConfig? DenyByConcurrentRequests { get; init; }

    [Description("Limit how fast one client makes requests.")]
    public RequestRateLimitConfig? DenyByRequestRate { get; init; }
}
