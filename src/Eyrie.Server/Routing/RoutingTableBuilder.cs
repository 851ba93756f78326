using Eyrie.Configuration;
using Eyrie.Configuration.Paths;
using Eyrie.Configuration.Validation;
using Eyrie.Processes.Pools;
using Eyrie.Server.Listeners;

namespace Eyrie.Server.Routing;

/// <summary>Compiles a validated configuration and its pools into a <see cref="RoutingTable"/>.</summary>
public static class RoutingTableBuilder
{
    /// <summary>The application definitions of a configuration, one per application of each site.</summary>
    public static IReadOnlyList<ApplicationDefinition> Applications(LoadedConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var result = new List<ApplicationDefinition>();
        foreach (var site in loaded.Config.Sites)
        {
            var httpsPort = site.Bindings.FirstOrDefault(b => b.Protocol == Configuration.Model.BindingProtocol.Https)?.Port;
            foreach (var application in site.Applications)
            {
                result.Add(new ApplicationDefinition(site.Name, VirtualPath.Normalize(application.Path), loaded.ResolvePath(application.PhysicalPath!), application.AspNetCore, httpsPort));
            }
        }

        return result;
    }

    public static RoutingTable Build(LoadedConfig loaded, IReadOnlyDictionary<ApplicationDefinition, WorkerPool> pools)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(pools);
        var applications = Applications(loaded).ToDictionary(a => (a.SiteName, a.VirtualPath));
        var wildcardPorts = ListenerPlanner.WildcardPorts(loaded.Config);
        var listeners = new Dictionary<ListenerEndpoint, List<BindingRoute>>();
        foreach (var site in loaded.Config.Sites)
        {
            var routes = new List<ApplicationRoute>();
            foreach (var application in site.Applications)
            {
                var path = VirtualPath.Normalize(application.Path);
                routes.Add(ApplicationRoute.ForApplication(site.Name, path, pools[applications[(site.Name, path)]]));
            }

            foreach (var directory in site.VirtualDirectories)
            {
                routes.Add(ApplicationRoute.ForVirtualDirectory(site.Name, VirtualPath.Normalize(directory.Path), loaded.ResolvePath(directory.PhysicalPath)));
            }

            var siteRoute = new SiteRoute(site.Name, routes);
            foreach (var binding in site.Bindings)
            {
                var endpoint = ListenerPlanner.EndpointOf(binding, wildcardPorts);
                var address = BindingAddress.Parse(binding.Address);
                if (!listeners.TryGetValue(endpoint, out var list))
                {
                    listeners[endpoint] = list = [];
                }

                list.Add(new BindingRoute(address, binding.Host.ToLowerInvariant(), siteRoute));
            }
        }

        return new RoutingTable(listeners.ToDictionary(l => l.Key, l => new ListenerRoutes(l.Value)));
    }
}
