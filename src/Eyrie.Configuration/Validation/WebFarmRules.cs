using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Http;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Farms;

namespace Eyrie.Configuration.Validation;

/// <summary>Checks the web farms: unique names, servers that can be reached, health-check settings that parse.</summary>
public static class WebFarmRules
{
    public static void Validate(IReadOnlyList<WebFarmConfig> farms, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(farms);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var names = new Dictionary<string, WebFarmConfig>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < farms.Count; i++)
        {
            var farm = farms[i];
            var path = $"webFarms[{i}]";
            if (string.IsNullOrWhiteSpace(farm.Name) || farm.Name.Any(char.IsControl))
            {
                diagnostics.Error(map.LocationOf(farm, nameof(WebFarmConfig.Name)), path + ".name", "must not be empty or contain control characters");
            }
            else if (!names.TryAdd(farm.Name, farm))
            {
                diagnostics.Error(map.LocationOf(farm, nameof(WebFarmConfig.Name)), path + ".name", $"duplicate web farm name '{farm.Name}' (first at line {map.LocationOf(names[farm.Name]).Line})");
            }

            ValidateServers(farm, path, map, diagnostics);
            if (farm.ApplicationRequestRouting?.HealthCheck is { } health)
            {
                if (!string.IsNullOrEmpty(health.Url) && !health.Url.StartsWith('/'))
                {
                    diagnostics.Error(map.LocationOf(health, nameof(FarmHealthCheckConfig.Url)), path + ".applicationRequestRouting.healthCheck.url", $"'{health.Url}' must be a path starting with '/'");
                }

                if (!StatusCodeRanges.TryParse(health.StatusCodes, out _, out var error))
                {
                    diagnostics.Error(map.LocationOf(health, nameof(FarmHealthCheckConfig.StatusCodes)), path + ".applicationRequestRouting.healthCheck.statusCodes", error);
                }
            }

            if (farm.ApplicationRequestRouting?.Affinity is { CookieName: { } cookie } affinity && (cookie.Length == 0 || cookie.Any(c => c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))))
            {
                diagnostics.Error(map.LocationOf(affinity, nameof(FarmAffinityConfig.CookieName)), path + ".applicationRequestRouting.affinity.cookieName", $"'{cookie}' is not a cookie name");
            }
        }
    }

    /// <summary>Checks that an application names a farm that exists; suggests the closest name otherwise.</summary>
    public static void ValidateReference(ApplicationConfig application, string path, IReadOnlyList<WebFarmConfig> farms, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(farms);
        var location = map.LocationOf(application, nameof(ApplicationConfig.WebFarm));
        if (!farms.Any(f => string.Equals(f.Name, application.WebFarm, StringComparison.OrdinalIgnoreCase)))
        {
            var known = farms.Count == 0 ? "no web farm is defined" : "the farms are " + string.Join(", ", farms.Select(f => f.Name));
            diagnostics.Error(location, path + ".webFarm", $"no web farm named '{application.WebFarm}'; {known}");
        }

        if (application.AspNetCore is not null)
        {
            diagnostics.Error(map.LocationOf(application, nameof(ApplicationConfig.AspNetCore)), path + ".aspNetCore", "applies to an app Eyrie starts (physicalPath), not to a web farm");
        }

        if (application.ApplicationPool is not null)
        {
            diagnostics.Error(map.LocationOf(application, nameof(ApplicationConfig.ApplicationPool)), path + ".applicationPool", "applies to an app Eyrie starts (physicalPath), not to a web farm");
        }
    }

    private static void ValidateServers(WebFarmConfig farm, string path, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        if (farm.Servers.Count == 0)
        {
            diagnostics.Error(map.LocationOf(farm, nameof(WebFarmConfig.Servers)), path + ".servers", $"web farm '{farm.Name}' has no servers");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < farm.Servers.Count; i++)
        {
            var server = farm.Servers[i];
            var serverPath = $"{path}.servers[{i}]";
            var host = server.Address.Trim('[', ']');
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                diagnostics.Error(map.LocationOf(server, nameof(WebFarmServerConfig.Address)), serverPath + ".address", $"'{server.Address}' is not a host name or IP address");
                continue;
            }

            var routing = server.ApplicationRequestRouting;
            var key = $"{host}:{routing?.HttpPort ?? ServerRoutingConfig.DefaultHttpPort}:{routing?.HttpsPort ?? ServerRoutingConfig.DefaultHttpsPort}";
            if (!seen.Add(key))
            {
                diagnostics.Error(map.LocationOf(server, nameof(WebFarmServerConfig.Address)), serverPath + ".address", $"server {server.Address} is listed twice with the same ports");
            }
        }
    }
}
