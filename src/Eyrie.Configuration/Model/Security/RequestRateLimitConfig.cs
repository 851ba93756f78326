using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>dynamicIpSecurity/denyByRequestRate</c>.</summary>
public sealed record RequestRateLimitConfig
{
    [Description("Deny a client that makes more than maxRequests within requestIntervalInMilliseconds (sub-status 502).")]
    public bool? Enabled { get; init; }

    [Description("Requests allowed per interval (IIS default 20).")]
    [Range(1, int.MaxValue)]
    public int? MaxRequests { get; init; }

    [Description("The interval in milliseconds (IIS default 200).")]
    [Range(1, int.MaxValue)]
    public int? RequestIntervalInMilliseconds { get; init; }
}
