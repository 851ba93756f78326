using Eyrie.Configuration;
using Eyrie.Processes.Health;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Output;
using Eyrie.Processes.Pools;
using Eyrie.Processes.Readiness;
using Eyrie.Processes.Telemetry;
using Eyrie.Processes.Workers;
using Eyrie.Server.Edge;
using Eyrie.Server.Farms;
using Eyrie.Server.Forwarding;
using Eyrie.Server.Forwarding.Http1;
using Eyrie.Server.Hosting;
using Eyrie.Server.Listeners;
using Eyrie.Server.Logging;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
using Eyrie.Server.Systemd;
using Eyrie.Server.Telemetry;
using Eyrie.Server.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

// In this namespace so that AddEyrie is found without an extra using, as ASP.NET Core does.
namespace Microsoft.Extensions.DependencyInjection;

public static class EyrieServiceCollectionExtensions
{
    /// <summary>Registers the whole of Eyrie, running <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddEyrie(this IServiceCollection services, LoadedConfig configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ConfigurationSource(configuration));
        services.AddOptions<EdgeServerOptions>();
        AddProcesses(services);
        AddFrontEnd(services);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownBudget.For(configuration));
        return services;
    }

    private static void AddProcesses(IServiceCollection services)
    {
        services.TryAddSingleton<ProcessSpawner>();
        services.TryAddSingleton(_ => ProcessIsolation.Detect());
        services.TryAddSingleton<PortAllocator>();
        services.TryAddSingleton<IListenerProbe, LoopbackListenerProbe>();
        services.TryAddSingleton(sp => new WorkerLauncher(
            sp.GetRequiredService<ProcessSpawner>(),
            sp.GetRequiredService<ProcessIsolation>(),
            sp.GetRequiredService<PortAllocator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<WorkerOutputFeed>()));
        services.TryAddSingleton<WorkerOutputFeed>();
        services.TryAddSingleton(_ => new WorkerShutdownClient(WorkerShutdownClient.CreateInvoker()));
        services.TryAddSingleton(_ => new WorkerHealthProbe(WorkerHealthProbe.CreateInvoker()));
        services.TryAddSingleton(sp => new WorkerPoolServices(
            sp.GetRequiredService<WorkerLauncher>(),
            sp.GetRequiredService<IListenerProbe>(),
            sp.GetRequiredService<WorkerShutdownClient>(),
            sp.GetRequiredService<WorkerHealthProbe>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<WorkerMetrics>()));
        services.TryAddSingleton<WorkerMetrics>();
        services.TryAddSingleton<WorkerPoolManager>();
    }

    private static void AddFrontEnd(IServiceCollection services)
    {
        services.AddHttpForwarder();
        AddFarms(services);
        services.TryAddSingleton<IConnectionListenerFactory, SocketTransportFactory>();
        services.TryAddSingleton<ForwardingClient>();
        services.TryAddSingleton<Http1Forwarder>();
        services.TryAddSingleton<WorkerForwarder>();
        services.TryAddSingleton<RoutingState>();
        services.TryAddSingleton<RequestHandler>();
        services.TryAddSingleton<RequestCompletion>();
        services.AddMetrics();
        services.TryAddSingleton<EdgeMetrics>();
        services.TryAddSingleton<TrafficMonitor>();
        services.TryAddSingleton<MetricsCollector>();
        services.TryAddSingleton<AccessLogs>();
        services.TryAddSingleton<StaticFileHandler>();
        services.TryAddSingleton<CertificateSourceRegistry>();
        services.TryAddSingleton<DynamicIpLimiterRegistry>();
        services.TryAddSingleton<SecurityGate>();
        services.TryAddSingleton<TlsCertificateSelector>();
        services.TryAddSingleton<ClientConnectionLimiter>();
        services.TryAddSingleton<Http1FramingGuard>();
        services.TryAddSingleton(sp => new ListenerServices(
            sp.GetRequiredService<RequestHandler>(),
            sp.GetRequiredService<RequestCompletion>(),
            sp.GetRequiredService<TlsCertificateSelector>(),
            sp.GetRequiredService<ClientConnectionLimiter>(),
            sp.GetRequiredService<Http1FramingGuard>(),
            sp.GetRequiredService<IConnectionListenerFactory>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<EdgeServer>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeServer>());
        services.TryAddSingleton<SystemdNotifications>();
        services.TryAddSingleton<ConfigurationReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigurationReloader>());
    }

    private static void AddFarms(IServiceCollection services)
    {
        // The full YARP proxy serves web farms only; local workers go through the bare forwarder.
        var configProvider = new InMemoryConfigProvider([], []);
        services.AddReverseProxy();
        services.AddSingleton<IProxyConfigProvider>(configProvider);
        services.AddSingleton(configProvider);
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, FarmHttpClientFactory>());
        services.Replace(ServiceDescriptor.Singleton<IProbingRequestFactory, FarmProbeRequestFactory>());
        services.AddSingleton<ILoadBalancingPolicy, WeightedRoundRobinPolicy>();
        services.AddSingleton<ILoadBalancingPolicy, ClientIpHashPolicy>();
        services.AddSingleton<IActiveHealthCheckPolicy, HealthTestPolicy>();
        services.AddSingleton<IPassiveHealthCheckPolicy, ConsecutiveFailuresPolicy>();
        services.TryAddSingleton<FarmSettingsRegistry>();
        services.TryAddSingleton<FarmGateway>();
        services.TryAddSingleton<FarmForwarder>();
    }
}
