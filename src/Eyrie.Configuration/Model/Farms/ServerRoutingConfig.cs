using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>ARR's per-server settings: the ports it is reached on and its share of the traffic.</summary>
public sealed record ServerRoutingConfig
{
    public const int DefaultHttpPort = 80;
    public const int DefaultHttpsPort = 443;
    public const int DefaultWeight = 100;

    [Description("The port for http (default 80).")]
    [Range(1, 65535)]
    public int? HttpPort { get; init; }

    [Description("The port for https (default 443).")]
    [Range(1, 65535)]
    public int? HttpsPort { get; init; }

    [Description("Its share of the traffic with WeightedRoundRobin, relative to the others (default 100).")]
    [Range(1, 10000)]
    public int? Weight { get; init; }
}
