using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Eyrie.Configuration.Http;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Farms;
using Eyrie.Configuration.Paths;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace Eyrie.Server.Farms;

/// <summary>
/// Translates eyrie.json's web farms (ARR's names and defaults) into YARP clusters, and each application that
/// forwards to a farm into a YARP route. A cluster is named after its farm; a route after its application.
/// </summary>
public static class FarmProxyConfigBuilder
{
    /// <summary>The YARP route id of a site's application: <c>Site/path</c>.</summary>
    public static string RouteId(string siteName, string virtualPath) => siteName + virtualPath;

    public static FarmProxyConfig Build(EyrieConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var farms = config.WebFarms.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var routes = new List<RouteConfig>();
        foreach (var site in config.Sites)
        {
            foreach (var application in site.Applications.Where(a => a.WebFarm is not null))
            {
                var farm = farms[application.WebFarm!];
                used.Add(farm.Name);
                routes.Add(Route(RouteId(site.Name, VirtualPath.Normalize(application.Path)), farm));
            }
        }

        var inUse = config.WebFarms.Where(f => used.Contains(f.Name)).ToList();
        return new FarmProxyConfig(routes, [.. inUse.Select(Cluster)], [.. inUse.Select(Settings)]);
    }

    public static RouteConfig Route(string routeId, WebFarmConfig farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var preserveHost = farm.ApplicationRequestRouting?.Protocol?.PreserveHostHeader ?? true;
        return new RouteConfig
        {
            RouteId = routeId,
            ClusterId = farm.Name,
            // The edge has chosen the route already; YARP's own matching is not used.
            Match = new RouteMatch { Path = "/{**path}" },
            Transforms =
            [
                new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = preserveHost ? "true" : "false" },
                // As ARR: the client's address is appended to X-Forwarded-For; proto and host describe this hop.
                new Dictionary<string, string> { ["X-Forwarded"] = "Set", ["For"] = "Append" },
            ],
        };
    }

    public static ClusterConfig Cluster(WebFarmConfig farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var routing = farm.ApplicationRequestRouting;
        var protocol = routing?.Protocol;
        var https = protocol?.SslOffloading == false;
        var enabled = farm.Enabled ?? true;
        var destinations = enabled
            ? farm.Servers.Where(s => s.Enabled ?? true).ToDictionary(s => DestinationId(s), s => Destination(s, https), StringComparer.OrdinalIgnoreCase)
            : [];
        return new ClusterConfig
        {
            ClusterId = farm.Name,
            LoadBalancingPolicy = LoadBalancingPolicy(routing?.LoadBalancing?.Algorithm ?? FarmLoadBalancingAlgorithm.WeightedRoundRobin),
            SessionAffinity = routing?.Affinity is { UseCookie: true } affinity
                ? new SessionAffinityConfig
                {
                    Enabled = true,
                    Policy = SessionAffinityConstants.Policies.ArrCookie,
                    FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                    AffinityKeyName = affinity.CookieName ?? FarmAffinityConfig.DefaultCookieName,
                    Cookie = new SessionAffinityCookieConfig { HttpOnly = true, Path = "/" },
                }
                : null,
            HealthCheck = HealthCheck(routing),
            HttpClient = new HttpClientConfig
            {
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                DangerousAcceptAnyServerCertificate = false,
                EnableMultipleHttp2Connections = true,
            },
            HttpRequest = new ForwarderRequestConfig
            {
                ActivityTimeout = protocol?.Timeout ?? FarmProtocolConfig.DefaultTimeout,
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            },
            Destinations = destinations,
        };
    }

    public static FarmSettings Settings(WebFarmConfig farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var routing = farm.ApplicationRequestRouting;
        return new FarmSettings(
            farm.Name,
            StatusCodeRanges.Parse(routing?.HealthCheck?.StatusCodes),
            string.IsNullOrEmpty(routing?.HealthCheck?.ResponseMatch) ? null : routing.HealthCheck.ResponseMatch,
            routing?.HealthCheck?.UnhealthyThreshold ?? 1,
            routing?.PassiveHealthCheck?.ConsecutiveFailures ?? Configuration.Model.Farms.PassiveHealthCheckConfig.DefaultConsecutiveFailures,
            routing?.Protocol?.RetryIdempotentRequests ?? true);
    }

    /// <summary>A server's id within its farm: its address and ports, stable across reloads (the affinity cookie hashes it).</summary>
    public static string DestinationId(WebFarmServerConfig server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var routing = server.ApplicationRequestRouting;
        return string.Create(CultureInfo.InvariantCulture, $"{server.Address}:{routing?.HttpPort ?? ServerRoutingConfig.DefaultHttpPort}:{routing?.HttpsPort ?? ServerRoutingConfig.DefaultHttpsPort}");
    }

    private static DestinationConfig Destination(WebFarmServerConfig server, bool https)
    {
        var routing = server.ApplicationRequestRouting;
        var port = https ? routing?.HttpsPort ?? ServerRoutingConfig.DefaultHttpsPort : routing?.HttpPort ?? ServerRoutingConfig.DefaultHttpPort;
        var host = IPAddress.TryParse(server.Address.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : server.Address;
        return new DestinationConfig
        {
            Address = string.Create(CultureInfo.InvariantCulture, $"{(https ? "https" : "http")}://{host}:{port}/"),
            Metadata = new Dictionary<string, string>
            {
                [FarmPolicyNames.WeightMetadata] = (routing?.Weight ?? ServerRoutingConfig.DefaultWeight).ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private static HealthCheckConfig HealthCheck(WebFarmRoutingConfig? routing)
    {
        var health = routing?.HealthCheck;
        var passive = routing?.PassiveHealthCheck;
        ActiveHealthCheckConfig? active = null;
        if (!string.IsNullOrEmpty(health?.Url))
        {
            var query = health.Url.IndexOf('?', StringComparison.Ordinal);
            active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = health.Interval ?? FarmHealthCheckConfig.DefaultInterval,
                Timeout = health.Timeout ?? FarmHealthCheckConfig.DefaultTimeout,
                Policy = FarmPolicyNames.HealthTest,
                Path = query < 0 ? health.Url : health.Url[..query],
                Query = query < 0 ? null : health.Url[query..],
            };
        }

        return new HealthCheckConfig
        {
            // As ARR: when every server is unhealthy the farm answers 503 rather than sending traffic anyway.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
            Active = active,
            Passive = (passive?.Enabled ?? true)
                ? new Yarp.ReverseProxy.Configuration.PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = FarmPolicyNames.ConsecutiveFailures,
                    ReactivationPeriod = passive?.ReactivationPeriod ?? Configuration.Model.Farms.PassiveHealthCheckConfig.DefaultReactivationPeriod,
                }
                : null,
        };
    }

    private static string LoadBalancingPolicy(FarmLoadBalancingAlgorithm algorithm) => algorithm switch
    {
        FarmLoadBalancingAlgorithm.RoundRobin => LoadBalancingPolicies.RoundRobin,
        FarmLoadBalancingAlgorithm.LeastRequests => LoadBalancingPolicies.LeastRequests,
        FarmLoadBalancingAlgorithm.PowerOfTwoChoices => LoadBalancingPolicies.PowerOfTwoChoices,
        FarmLoadBalancingAlgorithm.ClientIpHash => FarmPolicyNames.ClientIpHash,
        _ => FarmPolicyNames.WeightedRoundRobin,
    };
}
