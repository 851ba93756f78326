using System.Net;

namespace Eyrie.Server.Routing;

/// <summary>The bindings that share one listener, in precedence order.</summary>
public sealed class ListenerRoutes
{
    private readonly BindingRoute[] _bindings;

    public ListenerRoutes(IEnumerable<BindingRoute> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var sorted = bindings.ToList();
        sorted.Sort(BindingRoute.Compare);
        _bindings = [.. sorted];
    }

    public IReadOnlyList<BindingRoute> Bindings => _bindings;

    /// <summary>The site for a connection's local address and the request's host, or null (400 Invalid Hostname).</summary>
    public SiteRoute? ResolveSite(IPAddress localAddress, ReadOnlySpan<char> host) => ResolveBinding(localAddress, host)?.Site;

    /// <summary>
    /// The binding for a local address and a host name (the Host header, or the TLS server name), by IIS
    /// precedence; null if none matches.
    /// </summary>
    public BindingRoute? ResolveBinding(IPAddress localAddress, ReadOnlySpan<char> host)
    {
        if (localAddress.IsIPv4MappedToIPv6)
        {
            localAddress = localAddress.MapToIPv4();
        }

        foreach (var binding in _bindings)
        {
            if (binding.IsMatch(localAddress, host))
            {
                return binding;
            }
        }

        return null;
    }
}
