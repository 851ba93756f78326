using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// ARR's health test as a YARP active health policy: a server passes when it answers with an expected status
/// and, if set, a body containing the expected text; it turns unhealthy after the threshold of failed tests in
/// a row, and healthy again at the first passed test. Every change is logged with its reason.
/// </summary>
public sealed partial class HealthTestPolicy(IDestinationHealthUpdater updater, FarmSettingsRegistry farms, ILogger<HealthTestPolicy> logger) : IActiveHealthCheckPolicy
{
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = [];

    public string Name => FarmPolicyNames.HealthTest;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(probingResults);
        var settings = farms.Find(cluster.ClusterId);
        var threshold = settings?.UnhealthyThreshold ?? 1;
        var updates = new List<NewActiveDestinationHealth>(probingResults.Count);
        var changes = new List<(string Server, string? Failure, int Failures)>();
        foreach (var result in probingResults)
        {
            var destination = result.Destination;
            var failures = _failures.GetValue(destination, static _ => new StrongBox<int>());
            var previous = destination.Health.Active;
            var failure = Evaluate(result, settings);
            failures.Value = failure is null ? 0 : failures.Value + 1;
            var health = failure is null ? DestinationHealth.Healthy : failures.Value >= threshold ? DestinationHealth.Unhealthy : previous;
            if ((health == DestinationHealth.Unhealthy) != (previous == DestinationHealth.Unhealthy))
            {
                changes.Add((destination.DestinationId, failure, failures.Value));
            }

            updates.Add(new NewActiveDestinationHealth(destination, health));
        }

        updater.SetActive(cluster, updates);

        // Logged once in effect, so that whoever reads the log can count on the new rotation.
        foreach (var (server, failure, count) in changes)
        {
            if (failure is null)
            {
                LogHealthy(logger, cluster.ClusterId, server);
            }
            else
            {
                LogUnhealthy(logger, cluster.ClusterId, server, count, failure);
            }
        }
    }

    /// <summary>Why a test failed, or null if it passed.</summary>
    public static string? Evaluate(DestinationProbingResult result, FarmSettings? settings)
    {
        if (result.Response is not { } response)
        {
            return result.Exception?.GetBaseException().Message ?? "no response";
        }

        var status = (int)response.StatusCode;
        if (!(settings?.HealthyStatuses ?? Configuration.Http.StatusCodeRanges.DefaultRanges).Contains(status))
        {
            return $"status {status} is not an expected one";
        }

        if (settings?.ResponseMatch is { } match)
        {
            var body = response.RequestMessage?.Options.TryGetValue(ProbeBufferingHandler.Body, out var text) == true ? text : "";
            if (!body.Contains(match, StringComparison.Ordinal))
            {
                return $"the response does not contain '{match}'";
            }
        }

        return null;
    }

    [LoggerMessage(EventId = EventIds.FarmServerUnhealthy, Level = LogLevel.Warning, Message = "Web farm {Farm}: server {Server} is unhealthy after {Failures} failed health test(s): {Reason}")]
    private static partial void LogUnhealthy(ILogger logger, string farm, string server, int failures, string reason);

    [LoggerMessage(EventId = EventIds.FarmServerHealthy, Level = LogLevel.Information, Message = "Web farm {Farm}: server {Server} passed its health test and is back in rotation")]
    private static partial void LogHealthy(ILogger logger, string farm, string server);
}
