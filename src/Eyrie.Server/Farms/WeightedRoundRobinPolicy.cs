using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// ARR's default: each healthy server in turn, as often as its weight says, interleaved (nginx's smooth
/// weighted round robin: weights 5, 1, 1 give a a b a c a a, not a a a a a b c).
/// </summary>
public sealed class WeightedRoundRobinPolicy : ILoadBalancingPolicy
{
    private readonly ConditionalWeakTable<ClusterState, Rotation> _rotations = [];

    public string Name => FarmPolicyNames.WeightedRoundRobin;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        return availableDestinations.Count switch
        {
            0 => null,
            1 => availableDestinations[0],
            _ => _rotations.GetValue(cluster, static _ => new Rotation()).Next(availableDestinations),
        };
    }

    /// <summary>A destination's weight from its metadata; 100 (ARR's default) when absent.</summary>
    public static int WeightOf(DestinationState destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Model.Config.Metadata?.TryGetValue(FarmPolicyNames.WeightMetadata, out var text) == true
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) && weight > 0
                ? weight
                : 100;
    }

    /// <summary>The running "current weight" of each destination of one cluster.</summary>
    private sealed class Rotation
    {
        private readonly Dictionary<string, long> _current = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public DestinationState Next(IReadOnlyList<DestinationState> available)
        {
            lock (_lock)
            {
                long total = 0;
                DestinationState? best = null;
                long bestWeight = long.MinValue;
                foreach (var destination in available)
                {
                    var weight = WeightOf(destination);
                    total += weight;
                    var current = _current.GetValueOrDefault(destination.DestinationId) + weight;
                    _current[destination.DestinationId] = current;
                    if (current > bestWeight)
                    {
                        best = destination;
                        bestWeight = current;
                    }
                }

                _current[best!.DestinationId] = bestWeight - total;
                if (_current.Count > available.Count * 2)
                {
                    // Destinations that left the cluster for good: forget them.
                    foreach (var id in _current.Keys.Where(id => !available.Any(d => d.DestinationId == id)).ToList())
                    {
                        _current.Remove(id);
                    }
                }

                return best;
            }
        }
    }
}
