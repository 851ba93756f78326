namespace Eyrie.Server.Farms;

/// <summary>The names under which Eyrie's own YARP policies are registered.</summary>
public static class FarmPolicyNames
{
    /// <summary>Smooth weighted round robin over the servers' ARR weights.</summary>
    public const string WeightedRoundRobin = "Eyrie.WeightedRoundRobin";

    /// <summary>Rendezvous hashing of the client's address.</summary>
    public const string ClientIpHash = "Eyrie.ClientIpHash";

    /// <summary>ARR's health test: expected statuses, a body match, a threshold of failed tests in a row.</summary>
    public const string HealthTest = "Eyrie.HealthTest";

    /// <summary>Failed requests in a row take a server out for the reactivation period.</summary>
    public const string ConsecutiveFailures = "Eyrie.ConsecutiveFailures";

    /// <summary>The metadata key of a destination's weight.</summary>
    public const string WeightMetadata = "Eyrie.Weight";
}
