using Eyrie.Server.Listeners;

namespace Eyrie.Server.Routing;

/// <summary>
/// The immutable snapshot the request path reads: for each listener, its bindings and their sites; for
/// each site, its paths. Built once per configuration and swapped whole.
/// </summary>
public sealed class RoutingTable(IReadOnlyDictionary<ListenerEndpoint, ListenerRoutes> listeners)
{
    public static RoutingTable Empty { get; } = new(new Dictionary<ListenerEndpoint, ListenerRoutes>());

    public IReadOnlyDictionary<ListenerEndpoint, ListenerRoutes> Listeners { get; } = listeners;

    public ListenerRoutes? For(ListenerEndpoint listener) => Listeners.GetValueOrDefault(listener);
}
