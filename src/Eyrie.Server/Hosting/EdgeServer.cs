using Eyrie.Configuration;
using Eyrie.Configuration.Certificates;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Processes.Pools;
using Eyrie.Server.Farms;
using Eyrie.Server.Listeners;
using Eyrie.Server.Logging;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Routing;
using Eyrie.Server.Security;
using Eyrie.Server.Tls;
using Eyrie.Server.WebServer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eyrie.Server.Hosting;

/// <summary>
/// Runs the front end: applies a configuration (pools, web farms, certificates, routing table, listeners) and, on
/// shutdown, stops listening, lets open requests finish, then stops every worker gracefully.
/// </summary>
/// <remarks>
/// Applying is serialised and all-or-nothing: everything new is built and bound first, then the routing
/// table is swapped in one write, then what is no longer wanted is retired. Unchanged listeners (and their
/// connections), pools (and their workers) and certificates are left alone.
/// </remarks>
public sealed partial class EdgeServer(
    ConfigurationSource configuration,
    WorkerPoolManager pools,
    CertificateSourceRegistry certificates,
    DynamicIpLimiterRegistry limiters,
    RoutingState routing,
    FarmGateway farms,
    ListenerServices listenerServices,
    AccessLogs accessLogs,
    IOptions<EdgeServerOptions> options,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<EdgeServer>();
    private Dictionary<ListenerEndpoint, EdgeListener> _listeners = [];
    private ListenerLimits? _limits;
    private HashSet<string> _reported = [];

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
            _reported.Add(warning.ToString());
        }

        await ApplyAsync(configuration.Current, cancellationToken);
        LogStarted(_logger, configuration.Current.FilePath ?? "(command line)", pools.Pools.Count);
    }

    /// <summary>Makes the running server match <paramref name="loaded"/>, or changes nothing and throws.</summary>
    /// <exception cref="ConfigurationException">A certificate cannot be loaded or a listener cannot bind.</exception>
    public async Task ApplyAsync(LoadedConfig loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        await _applyLock.WaitAsync(cancellationToken);
        try
        {
            await ApplyLockedAsync(loaded, cancellationToken);
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

            // Every request is over: what the access logs hold is written before anything else stops.
            await accessLogs.StopAsync();

            // Then every worker, gracefully; nothing is left behind even if the host's own deadline passed.
            await pools.StopAllAsync();
            routing.Current = RoutingTable.Empty;
            farms.Commit(FarmProxyConfig.Empty);
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

    private async Task ApplyLockedAsync(LoadedConfig loaded, CancellationToken cancellationToken)
    {
        // 0. Listener limits are Kestrel's server settings, read when a listener starts: all listeners share one set.
        var limits = ListenerLimits.From(loaded.Config.WebLimits);
        if (_limits is not null && _limits != limits)
        {
            throw Failure("webLimits", "headerWaitTimeout, connectionTimeout, minBytesPerSecond and maxConnections take effect when Eyrie starts; restart it to change them (nothing was changed)");
        }

        // 1. New pools (no worker starts until a request comes) and certificates; nothing is retired yet.
        var plan = pools.Prepare(RoutingTableBuilder.Applications(loaded));
        var logs = accessLogs.Prepare(loaded);
        var security = new SecurityPolicyFactory(limiters);
        var diagnostics = new DiagnosticBag();
        RoutingTable table;
        try
        {
            table = RoutingTableBuilder.Build(loaded, plan.Pools, certificates.GetOrCreate, security, diagnostics, loggerFactory.CreateLogger<UrlRewriter>(), logs.For);
        }
        catch (CertificateLoadException ex)
        {
            await AccessLogs.DiscardAsync(logs);
            await plan.DiscardAsync();
            throw Failure("certificate", ex.Message);
        }

        // 1b. Web farms: YARP serves the new routes and clusters (beside the old ones) before the table names them.
        var farmConfig = FarmProxyConfigBuilder.Build(loaded.Config);
        try
        {
            await farms.StageAsync(farmConfig, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            farms.Revert();
            await AccessLogs.DiscardAsync(logs);
            await plan.DiscardAsync();
            throw Failure("webFarms", ex.Message);
        }

        // web.configs are read again on every apply: each problem is reported once, until it goes away.
        var reported = diagnostics.Items.Select(d => d.ToString()).ToHashSet();
        foreach (var diagnostic in diagnostics.Items.Where(d => !_reported.Contains(d.ToString())))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                LogWebConfigSecurity(_logger, diagnostic.ToString());
            }
            else
            {
                LogWarning(_logger, diagnostic.ToString());
            }
        }

        _reported = reported;

        // 2. Bind the new listeners. A port changing protocol or address must be released first.
        var desired = table.Listeners.Keys.ToHashSet();
        var toStart = desired.Where(e => !_listeners.ContainsKey(e)).ToList();
        var toStop = _listeners.Keys.Where(e => !desired.Contains(e)).ToList();
        var released = toStop.Where(old => toStart.Any(e => Conflicts(old, e))).ToList();
        foreach (var endpoint in released)
        {
            LogListenerReplaced(_logger, endpoint.Display(_listeners[endpoint].BoundPort));
            await StopListenerAsync(_listeners[endpoint]);
        }

        var started = new Dictionary<ListenerEndpoint, EdgeListener>();
        try
        {
            foreach (var endpoint in toStart)
            {
                var listener = await EdgeListener.StartAsync(endpoint, limits, listenerServices, cancellationToken);
                LogListening(_logger, endpoint.Display(listener.BoundPort));
                started.Add(endpoint, listener);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // All or nothing: undo this attempt, and bind again what it released.
            await Task.WhenAll(started.Values.Select(StopListenerAsync));
            foreach (var endpoint in released)
            {
                _listeners[endpoint] = await EdgeListener.StartAsync(endpoint, _limits!, listenerServices, CancellationToken.None);
            }

            await AccessLogs.DiscardAsync(logs);
            await plan.DiscardAsync();
            farms.Revert();
            LogRolledBack(_logger, ex.Message);
            throw Failure("bindings", $"cannot listen: {ex.Message}");
        }

        // 3. Swap: from the next request on, the new configuration is in effect.
        routing.Current = table;
        configuration.Current = loaded;
        _limits = limits;
        var retiredPools = pools.Commit(plan);
        await accessLogs.CommitAsync(logs);
        farms.Commit(farmConfig);
        certificates.RetainOnly(RoutingTableBuilder.CertificateFiles(loaded));
        limiters.RetainOnly(security.UsedLimiters);
        var next = _listeners.Where(l => desired.Contains(l.Key)).ToDictionary();
        foreach (var (endpoint, listener) in started)
        {
            next[endpoint] = listener;
        }

        var removed = toStop.Except(released).Select(e => _listeners[e]).ToList();
        _listeners = next;

        // 4. Retire: removed listeners drain, dropped pools finish their requests and stop, in the background of this call.
        await Task.WhenAll(removed.Select(StopListenerAsync));
        _ = retiredPools.ContinueWith(_ => LogRetired(_logger), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        LogApplied(_logger, started.Count, removed.Count + released.Count, plan.Created.Count, table.Listeners.Count);
    }

    /// <summary>True when two endpoints cannot both be bound: the same port on overlapping addresses.</summary>
    private static bool Conflicts(ListenerEndpoint a, ListenerEndpoint b) =>
        a.Port != 0 && a.Port == b.Port && (a.IsAnyAddress || b.IsAnyAddress || a.Address.Equals(b.Address));

    private static ConfigurationException Failure(string key, string message) =>
        new([new ConfigDiagnostic(DiagnosticSeverity.Error, SourceLocation.None, key, message)]);

    private async Task StopListenerAsync(EdgeListener listener)
    {
        using var drain = new CancellationTokenSource(options.Value.DrainTimeout);
        await listener.StopAsync(drain.Token);
        await listener.DisposeAsync();
        LogListenerStopped(_logger, listener.Endpoint.Display(listener.BoundPort));
    }

    [LoggerMessage(EventId = EventIds.WebConfigSecurityInvalid, Level = LogLevel.Error, Message = "{Diagnostic} (the application answers 500.19 until its web.config is fixed)")]
    private static partial void LogWebConfigSecurity(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = EventIds.ListenerStarted, Level = LogLevel.Information, Message = "Listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.ListenerStopped, Level = LogLevel.Information, Message = "Stopped listening on {Endpoint}")]
    private static partial void LogListenerStopped(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.ListenerReplaced, Level = LogLevel.Information, Message = "Releasing {Endpoint} for a listener with other settings on the same port")]
    private static partial void LogListenerReplaced(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.ApplyRolledBack, Level = LogLevel.Error, Message = "The configuration was not applied and the running one is unchanged: {Reason}")]
    private static partial void LogRolledBack(ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.ConfigurationApplied, Level = LogLevel.Debug, Message = "Configuration applied: {Started} listener(s) started, {Stopped} stopped, {NewPools} new application pool(s); {Listeners} listener(s) in all")]
    private static partial void LogApplied(ILogger logger, int started, int stopped, int newPools, int listeners);

    [LoggerMessage(EventId = EventIds.ServerStarted, Level = LogLevel.Information, Message = "Eyrie is running {Config} with {Applications} application(s)")]
    private static partial void LogStarted(ILogger logger, string config, int applications);

    [LoggerMessage(EventId = EventIds.ServerStopping, Level = LogLevel.Information, Message = "Eyrie is stopping: draining requests, then stopping workers")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = EventIds.ServerStopped, Level = LogLevel.Information, Message = "Eyrie has stopped; no worker is left running")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = EventIds.ConfigurationWarning, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = EventIds.RetiredPoolsStopped, Level = LogLevel.Debug, Message = "Pools of removed or changed applications have stopped")]
    private static partial void LogRetired(ILogger logger);
}
