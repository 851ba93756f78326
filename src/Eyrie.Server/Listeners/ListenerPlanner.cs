using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Validation;

namespace Eyrie.Server.Listeners;

/// <summary>
/// Decides the sockets to listen on: one per distinct address:port across all sites. A port that any
/// binding claims on <c>*</c> gets one socket on every address, and its specific-IP bindings are told apart
/// by the connection's local address (a socket on 0.0.0.0:80 and one on 10.0.0.1:80 cannot coexist).
/// </summary>
public static class ListenerPlanner
{
    public static ListenerEndpoint EndpointOf(BindingConfig binding, IReadOnlySet<int> wildcardPorts)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(wildcardPorts);
        if (binding.Port != 0 && wildcardPorts.Contains(binding.Port))
        {
            return new ListenerEndpoint(IPAddress.IPv6Any, binding.Port, binding.Protocol);
        }

        return new ListenerEndpoint(BindingAddress.Parse(binding.Address) ?? IPAddress.IPv6Any, binding.Port, binding.Protocol);
    }

    /// <summary>Ports that at least one binding claims on every address.</summary>
    public static IReadOnlySet<int> WildcardPorts(EyrieConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Sites.SelectMany(s => s.Bindings)
            .Where(b => b.Address == BindingAddress.Any && b.Port != 0)
            .Select(b => b.Port)
            .ToHashSet();
    }
}
