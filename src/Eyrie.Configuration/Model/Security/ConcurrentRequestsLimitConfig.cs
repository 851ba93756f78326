using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>dynamicIpSecurity/denyByConcurrentRequests</c>.</summary>
public sealed record ConcurrentRequestsLimitConfig
{
    [Description("Deny a client with more requests in progress than maxConcurrentRequests (sub-status 501).")]
    public bool? Enabled { get; init; }

    [Description("Requests one client may have in progress (IIS default 5).")]
    [Range(1, int.MaxValue)]
    public int? MaxConcurrentRequests { get; init; }
}
