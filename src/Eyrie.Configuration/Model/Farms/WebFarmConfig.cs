using System.ComponentModel;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>
/// A named set of remote servers an application forwards to, named as IIS's Application Request Routing
/// (<c>webFarms/webFarm</c>): the servers, then how requests are spread, checked, kept on one server, and sent.
/// </summary>
public sealed record WebFarmConfig
{
    [Description("The farm's name, used by applications' webFarm. Unique, case-insensitive.")]
    public required string Name { get; init; }

    [Description("Send requests to this farm (default true); a disabled farm answers 503.")]
    public bool? Enabled { get; init; }

    [Description("The servers of the farm.")]
    public ConfigList<WebFarmServerConfig> Servers { get; init; } = [];

    [Description("Load balancing, health checks, affinity and protocol settings, as ARR's applicationRequestRouting.")]
    public WebFarmRoutingConfig? ApplicationRequestRouting { get; init; }
}
