using System.ComponentModel;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>One server of a farm (ARR's <c>server</c>).</summary>
public sealed record WebFarmServerConfig
{
    [Description("The server's host name or IP address.")]
    public required string Address { get; init; }

    [Description("Send requests to it (default true). A disabled server keeps no traffic, affinitized clients included.")]
    public bool? Enabled { get; init; }

    [Description("Its ports and weight, as ARR's applicationRequestRouting of a server.")]
    public ServerRoutingConfig? ApplicationRequestRouting { get; init; }
}
