using Eyrie.Server.Routing;

namespace Eyrie.Server.Pipeline;

/// <summary>Holds the current <see cref="RoutingTable"/>; a configuration change swaps it in one write.</summary>
public sealed class RoutingState
{
    private volatile RoutingTable _current = RoutingTable.Empty;

    public RoutingTable Current
    {
        get => _current;
        set => _current = value ?? throw new ArgumentNullException(nameof(value));
    }
}
