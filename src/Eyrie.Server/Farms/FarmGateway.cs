using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// Eyrie's use of the full YARP reverse proxy for web farms: clusters with load balancing, active and passive
/// health checks and session affinity, fed from eyrie.json through an in-memory config provider. Each farm
/// application is a YARP route whose endpoint the edge invokes directly once it has routed a request.
/// </summary>
/// <remarks>
/// Applying is two-step, like the rest of the edge: <see cref="StageAsync"/> adds the new routes and clusters
/// while keeping the old ones (the routing table in force may still name them) and waits until YARP serves
/// them; after the table swap, <see cref="Commit"/> drops what the new configuration no longer has.
/// </remarks>
public sealed class FarmGateway
{
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(30);

    private readonly InMemoryConfigProvider _provider;
    private readonly FarmSettingsRegistry _settings;
    private readonly EndpointDataSource _endpoints;
    private readonly Lock _lock = new();
    private FrozenDictionary<string, Endpoint> _byRoute = FrozenDictionary<string, Endpoint>.Empty;
    private FarmProxyConfig _committed = FarmProxyConfig.Empty;

    public FarmGateway(InMemoryConfigProvider provider, FarmSettingsRegistry settings, IServiceProvider services)
    {
        _provider = provider;
        _settings = settings;
        var builder = new FarmEndpointRouteBuilder(services);
        builder.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<FarmRetryMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        _endpoints = builder.DataSources.Single();
        ChangeToken.OnChange(_endpoints.GetChangeToken, Index);
        Index();
    }

    /// <summary>The endpoint of a farm application's route, or null if YARP does not serve it (yet).</summary>
    public Endpoint? Find(string routeId) => _byRoute.GetValueOrDefault(routeId);

    /// <summary>YARP's live state of every farm in use: its servers, their health and load.</summary>
    public IReadOnlyList<FarmStatus> Status()
    {
        var clusters = _byRoute.Values
            .Select(e => e.Metadata.GetMetadata<RouteModel>()?.Cluster)
            .OfType<ClusterState>()
            .DistinctBy(c => c.ClusterId, StringComparer.OrdinalIgnoreCase);
        return [.. clusters.OrderBy(c => c.ClusterId, StringComparer.OrdinalIgnoreCase).Select(cluster =>
        {
            var available = cluster.DestinationsState.AvailableDestinations;
            return new FarmStatus(cluster.ClusterId, [.. cluster.DestinationsState.AllDestinations.Select(d => new FarmServerStatus(
                d.DestinationId,
                d.Model.Config.Address,
                available.Contains(d),
                d.Health.Active.ToString(),
                d.Health.Passive.ToString(),
                d.ConcurrentRequestCount))]);
        })];
    }

    /// <summary>Serves <paramref name="next"/>'s farms alongside the committed ones; returns when YARP serves them.</summary>
    /// <exception cref="TimeoutException">YARP did not take the configuration (its log says why).</exception>
    public Task StageAsync(FarmProxyConfig next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        FarmProxyConfig staged;
        lock (_lock)
        {
            staged = next.UnionWith(_committed);
        }

        return UpdateAsync(staged, cancellationToken);
    }

    /// <summary>From now on only <paramref name="next"/>'s farms are served (it was staged before).</summary>
    public void Commit(FarmProxyConfig next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_lock)
        {
            _committed = next;
        }

        _settings.Replace(next.Settings);
        _provider.Update(next.Routes, next.Clusters);
    }

    /// <summary>Goes back to the committed farms after a staged configuration was abandoned.</summary>
    public void Revert()
    {
        FarmProxyConfig committed;
        lock (_lock)
        {
            committed = _committed;
        }

        Commit(committed);
    }

    private async Task UpdateAsync(FarmProxyConfig config, CancellationToken cancellationToken)
    {
        _settings.Replace(config.Settings);
        _provider.Update(config.Routes, config.Clusters);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ApplyTimeout);
        while (!Serves(config))
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (_endpoints.GetChangeToken().RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), changed))
            {
                if (Serves(config))
                {
                    break;
                }

                try
                {
                    await changed.Task.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException("YARP did not apply the web farm configuration within " + ApplyTimeout.TotalSeconds + " s; its log says why");
                }
            }
        }
    }

    /// <summary>True when every route of <paramref name="config"/> has an endpoint with that route's and cluster's config.</summary>
    private bool Serves(FarmProxyConfig config)
    {
        Index();
        var clusters = config.Clusters.ToDictionary(c => c.ClusterId, StringComparer.OrdinalIgnoreCase);
        foreach (var route in config.Routes)
        {
            if (_byRoute.GetValueOrDefault(route.RouteId)?.Metadata.GetMetadata<RouteModel>() is not { } model
                || !model.Config.Equals(route)
                || model.Cluster?.Model.Config.Equals(clusters[route.ClusterId!]) != true)
            {
                return false;
            }
        }

        return true;
    }

    private void Index() =>
        _byRoute = _endpoints.Endpoints
            .Select(e => (Endpoint: e, Model: e.Metadata.GetMetadata<RouteModel>()))
            .Where(e => e.Model is not null)
            .ToFrozenDictionary(e => e.Model!.Config.RouteId, e => e.Endpoint, StringComparer.Ordinal);
}
