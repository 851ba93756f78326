using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// The same client address always reaches the same healthy server. Rendezvous (highest random weight)
/// hashing: when a server leaves or returns, only the clients that map to it move; the others stay put.
/// </summary>
public sealed class ClientIpHashPolicy : ILoadBalancingPolicy
{
    public string Name => FarmPolicyNames.ClientIpHash;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        if (availableDestinations.Count <= 1)
        {
            return availableDestinations.Count == 0 ? null : availableDestinations[0];
        }

        var client = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return Pick(client, availableDestinations, d => d.DestinationId);
    }

    /// <summary>The candidate with the highest hash of (client, candidate id).</summary>
    public static T Pick<T>(IPAddress client, IReadOnlyList<T> candidates, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> address = stackalloc byte[16];
        var mapped = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        mapped.TryWriteBytes(address, out var length);
        var clientHash = Fnv1a(Fnv1aOffset, address[..length]);
        var best = candidates[0];
        var bestScore = 0UL;
        for (var i = 0; i < candidates.Count; i++)
        {
            var score = Mix(Fnv1a(clientHash, System.Runtime.InteropServices.MemoryMarshal.AsBytes(id(candidates[i]).AsSpan())));
            if (i == 0 || score > bestScore)
            {
                best = candidates[i];
                bestScore = score;
            }
        }

        return best;
    }

    private const ulong Fnv1aOffset = 14695981039346656037UL;

    // FNV-1a: stable across processes and restarts (string.GetHashCode is not), so a restart keeps the mapping.
    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // A final avalanche (splitmix64's) so that ids differing in one character score independently.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
