using System.ComponentModel;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>ARR's farm-level <c>applicationRequestRouting</c>.</summary>
public sealed record WebFarmRoutingConfig
{
    [Description("How requests are spread over the healthy servers.")]
    public FarmLoadBalancingConfig? LoadBalancing { get; init; }

    [Description("Active health checks: a URL each server is asked for at an interval.")]
    public FarmHealthCheckConfig? HealthCheck { get; init; }

    [Description("Passive health checks: servers that fail requests are taken out for a while.")]
    public PassiveHealthCheckConfig? PassiveHealthCheck { get; init; }

    [Description("Client affinity: a cookie keeps a client on the server it first reached.")]
    public FarmAffinityConfig? Affinity { get; init; }

    [Description("How requests are sent to the servers.")]
    public FarmProtocolConfig? Protocol { get; init; }
}
