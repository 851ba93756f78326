using System.ComponentModel;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>ARR's <c>loadBalancing</c>.</summary>
public sealed record FarmLoadBalancingConfig
{
    [Description("WeightedRoundRobin (default, as ARR), RoundRobin, LeastRequests, PowerOfTwoChoices or ClientIpHash.")]
    public FarmLoadBalancingAlgorithm? Algorithm { get; init; }
}
