namespace Eyrie.Configuration.Model.Pools;

/// <summary>How requests are spread over an application's ready workers.</summary>
public enum WorkerLoadBalancing
{
    /// <summary>Each worker in turn, as ANCM does.</summary>
    RoundRobin,

    /// <summary>The worker with the fewest requests in progress.</summary>
    LeastRequests,

    /// <summary>Of two workers picked at random, the one with fewer requests in progress.</summary>
    PowerOfTwoChoices,
}
