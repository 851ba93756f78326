using Eyrie.Configuration;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Processes.Pools;
using Eyrie.Server.Listeners;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Routing;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eyrie.Server.Hosting;

/// <summary>
/// Runs the front end: applies a configuration (pools, routing table, listeners) and, on shutdown,
/// stops listening, lets open requests finish, then stops every worker gracefully. Applying is
/// serialised, builds everything new before it swaps, and leaves unchanged listeners and pools alone.
/// </summary>
public sealed partial class EdgeServer(
    ConfigurationSource configuration,
    WorkerPoolManager pools,
    RoutingState routing,
    RequestHandler handler,
    IConnectionListenerFactory transport,
    IServiceProvider services,
    IOptions<EdgeServerOptions> options,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<EdgeServer>();
    private Dictionary<ListenerEndpoint, EdgeListener> _listeners = [];

    /// <summary>The listeners running now and the ports they are bound to.</summary>
    public IReadOnlyDictionary<ListenerEndpoint, int> BoundPorts
    {
        get
        {
            var listeners = _listeners;
            return listeners.ToDictionary(l => l.Key, l => l.Value.BoundPort);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in configuration.Current.Warnings)
        {
            LogWarning(_logger, warning.ToString());
        }

        await ApplyAsync(configuration.Current, cancellationToken);
        LogStarted(_logger, configuration.Current.FilePath ?? "(command line)", pools.Pools.Count);
    }

    /// <summary>
    /// Makes the running server match <paramref name="loaded"/>: new listeners are bound before the new
    /// routing table is published, and listeners no longer wanted are drained after it.
    /// </summary>
    public async Task ApplyAsync(LoadedConfig loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        await _applyLock.WaitAsync(cancellationToken);
        try
        {
            var (poolMap, retired) = pools.Apply(RoutingTableBuilder.Applications(loaded));
            var table = RoutingTableBuilder.Build(loaded, poolMap);
            var next = new Dictionary<ListenerEndpoint, EdgeListener>();
            var started = new List<EdgeListener>();
            try
            {
                foreach (var endpoint in table.Listeners.Keys)
                {
                    if (_listeners.TryGetValue(endpoint, out var running))
                    {
                        next[endpoint] = running;
                        continue;
                    }

                    var listener = await EdgeListener.StartAsync(endpoint, handler, services, transport, loggerFactory, cancellationToken);
                    LogListening(_logger, endpoint.Display(listener.BoundPort));
                    started.Add(listener);
                    next[endpoint] = listener;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
            {
                // No half-applied state: what this attempt started is stopped again.
                foreach (var listener in started)
                {
                    await listener.StopAsync(CancellationToken.None);
                    await listener.DisposeAsync();
                }

                throw new ConfigurationException([new ConfigDiagnostic(DiagnosticSeverity.Error, SourceLocation.None, "bindings",
                    $"cannot listen: {ex.Message}")]);
            }

            routing.Current = table;
            configuration.Current = loaded;
            var removed = _listeners.Where(l => !next.ContainsKey(l.Key)).Select(l => l.Value).ToList();
            _listeners = next;
            await Task.WhenAll(removed.Select(StopListenerAsync));
            _ = retired.ContinueWith(t => LogRetired(_logger), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(_logger);
        await _applyLock.WaitAsync(CancellationToken.None);
        try
        {
            // Listeners first, so no new request arrives; open ones finish while their workers still run.
            var listeners = _listeners.Values.ToList();
            _listeners = [];
            await Task.WhenAll(listeners.Select(StopListenerAsync));

            // Then every worker, gracefully; nothing is left behind even if the host's own deadline passed.
            await pools.StopAllAsync();
            routing.Current = RoutingTable.Empty;
        }
        finally
        {
            _applyLock.Release();
        }

        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners.Values)
        {
            await listener.DisposeAsync();
        }

        await pools.DisposeAsync();
        _applyLock.Dispose();
    }

    private async Task StopListenerAsync(EdgeListener listener)
    {
        using var drain = new CancellationTokenSource(options.Value.DrainTimeout);
        await listener.StopAsync(drain.Token);
        await listener.DisposeAsync();
        LogListenerStopped(_logger, listener.Endpoint.Display(listener.BoundPort));
    }

    [LoggerMessage(EventId = EventIds.ListenerStarted, Level = LogLevel.Information, Message = "Listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.ListenerStopped, Level = LogLevel.Information, Message = "Stopped listening on {Endpoint}")]
    private static partial void LogListenerStopped(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.ServerStarted, Level = LogLevel.Information, Message = "Eyrie is running {Config} with {Applications} application(s)")]
    private static partial void LogStarted(ILogger logger, string config, int applications);

    [LoggerMessage(EventId = EventIds.ServerStopping, Level = LogLevel.Information, Message = "Eyrie is stopping: draining requests, then stopping workers")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = EventIds.ServerStopped, Level = LogLevel.Information, Message = "Eyrie has stopped; no worker is left running")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = EventIds.ConfigurationWarning, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = EventIds.RetiredPoolsStopped, Level = LogLevel.Debug, Message = "Pools of removed applications have stopped")]
    private static partial void LogRetired(ILogger logger);
}
