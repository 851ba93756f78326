namespace Eyrie.Configuration.Model.Farms;

/// <summary>How a farm's requests are spread over its healthy servers.</summary>
public enum FarmLoadBalancingAlgorithm
{
    /// <summary>In turn, each server as often as its weight says (ARR's default).</summary>
    WeightedRoundRobin,

    /// <summary>In turn, weights ignored.</summary>
    RoundRobin,

    /// <summary>The server with the fewest requests in progress (ARR's "least current request").</summary>
    LeastRequests,

    /// <summary>Of two servers picked at random, the one with fewer requests in progress.</summary>
    PowerOfTwoChoices,

    /// <summary>The same client address to the same server while the set of healthy servers is unchanged.</summary>
    ClientIpHash,
}
