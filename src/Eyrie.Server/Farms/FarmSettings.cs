using Eyrie.Configuration.Http;

namespace Eyrie.Server.Farms;

/// <summary>What Eyrie's policies need to know of a farm beyond YARP's cluster config.</summary>
/// <param name="Name">The farm's name, also its YARP cluster id.</param>
/// <param name="HealthyStatuses">The statuses that pass a health test.</param>
/// <param name="ResponseMatch">Text a passing health test's body contains, or null.</param>
/// <param name="UnhealthyThreshold">Failed health tests in a row that make a server unhealthy.</param>
/// <param name="ConsecutiveFailures">Failed requests in a row that take a server out (passive health).</param>
/// <param name="RetryIdempotentRequests">Whether a request that could not connect is sent to another server.</param>
public sealed record FarmSettings(
    string Name,
    StatusCodeRanges HealthyStatuses,
    string? ResponseMatch,
    int UnhealthyThreshold,
    int ConsecutiveFailures,
    bool RetryIdempotentRequests);
