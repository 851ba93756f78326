using Yarp.ReverseProxy.Configuration;

namespace Eyrie.Server.Farms;

/// <summary>The YARP routes and clusters of a configuration's farms, with the settings of Eyrie's policies.</summary>
public sealed record FarmProxyConfig(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters, IReadOnlyList<FarmSettings> Settings)
{
    public static FarmProxyConfig Empty { get; } = new([], [], []);

    /// <summary>This configuration with the routes, clusters and settings of <paramref name="older"/> it does not replace.</summary>
    public FarmProxyConfig UnionWith(FarmProxyConfig older)
    {
        ArgumentNullException.ThrowIfNull(older);
        return new FarmProxyConfig(
            [.. Routes, .. older.Routes.Where(o => !Routes.Any(r => r.RouteId == o.RouteId))],
            [.. Clusters, .. older.Clusters.Where(o => !Clusters.Any(c => c.ClusterId == o.ClusterId))],
            [.. Settings, .. older.Settings.Where(o => !Settings.Any(s => s.Name == o.Name))]);
    }
}
