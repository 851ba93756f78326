namespace Eyrie.Configuration.Model.Pools;

/// <summary>IIS's <c>failure/@loadBalancerCapabilities</c>: how a pool that cannot take a request refuses it.</summary>
public enum LoadBalancerCapabilities
{
    /// <summary>503 Service Unavailable.</summary>
    HttpLevel,

    /// <summary>The connection is closed, for load balancers that do not read HTTP.</summary>
    TcpLevel,
}
