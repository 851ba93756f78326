using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// Passive health: a server that fails the configured number of requests in a row at the transport level
/// (cannot connect, times out, breaks the connection) is taken out for the reactivation period. A status
/// code, even 500, is an answer and not a transport failure; a client that goes away is not the server's fault.
/// </summary>
public sealed partial class ConsecutiveFailuresPolicy(IDestinationHealthUpdater updater, FarmSettingsRegistry farms, ILogger<ConsecutiveFailuresPolicy> logger) : IPassiveHealthCheckPolicy
{
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = [];

    public string Name => FarmPolicyNames.ConsecutiveFailures;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(destination);
        var failures = _failures.GetValue(destination, static _ => new StrongBox<int>());
        if (!IsServerFailure(context.Features.Get<IForwarderErrorFeature>()?.Error))
        {
            Interlocked.Exchange(ref failures.Value, 0);
            return;
        }

        var limit = farms.Find(cluster.ClusterId)?.ConsecutiveFailures ?? Configuration.Model.Farms.PassiveHealthCheckConfig.DefaultConsecutiveFailures;
        if (Interlocked.Increment(ref failures.Value) >= limit)
        {
            Interlocked.Exchange(ref failures.Value, 0);
            var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? Configuration.Model.Farms.PassiveHealthCheckConfig.DefaultReactivationPeriod;
            LogTakenOut(logger, cluster.ClusterId, destination.DestinationId, limit, period);
            updater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        }
    }

    public static bool IsServerFailure(ForwarderError? error) => error is ForwarderError.Request
        or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseBodyDestination
        or ForwarderError.UpgradeRequestDestination
        or ForwarderError.UpgradeResponseDestination;

    [LoggerMessage(EventId = EventIds.FarmServerTakenOut, Level = LogLevel.Warning, Message = "Web farm {Farm}: server {Server} failed {Failures} requests in a row and is out of rotation for {Period}")]
    private static partial void LogTakenOut(ILogger logger, string farm, string server, int failures, TimeSpan period);
}
