using System.Diagnostics;
using System.Reflection;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Paths;
using Eyrie.Processes.Pools;
using Eyrie.Server.Farms;
using Eyrie.Server.Hosting;
using Eyrie.Server.Listeners;
using Eyrie.Server.Telemetry;

namespace Eyrie.Server.Admin;

/// <summary>Puts together <c>GET /api/status</c> from the running configuration, the listeners, the pools, the farms and the traffic counters.</summary>
public sealed class StatusReporter(
    ConfigurationSource configuration,
    EdgeServer server,
    WorkerPoolManager pools,
    FarmGateway farms,
    TrafficMonitor traffic,
    ConfigurationReloader reloader,
    TimeProvider time)
{
    private static readonly string Version =
        typeof(StatusReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public StatusResponse Report()
    {
        var now = time.GetUtcNow();
        var loaded = configuration.Current;
        var config = loaded.Config;
        var bound = server.BoundPorts;
        var wildcardPorts = ListenerPlanner.WildcardPorts(config);
        using var self = Process.GetCurrentProcess();
        var eyrie = new ServerStatus(
            Version,
            Environment.ProcessId,
            _startedAt,
            Math.Round((now - _startedAt).TotalSeconds),
            loaded.FilePath,
            Environment.WorkingSet / 1024,
            Math.Round(self.TotalProcessorTime.TotalSeconds, 2),
            reloader.LastReload is { } reload ? new ReloadStatus(reload.Applied, reload.Message, reload.At) : null);

        var sites = config.Sites.Select(site => new SiteStatus(
            site.Name,
            [.. site.Bindings.Select(b => Binding(b, bound.TryGetValue(ListenerPlanner.EndpointOf(b, wildcardPorts), out var port) ? port : null))],
            [.. site.Applications.Select(a => Application(site, a, loaded.ResolvePath(a.PhysicalPath ?? ""), now))],
            [.. site.VirtualDirectories.Select(v =>
            {
                var counter = traffic.For(site.Name, VirtualPath.Normalize(v.Path));
                return new VirtualDirectoryStatus(VirtualPath.Normalize(v.Path), loaded.ResolvePath(v.PhysicalPath), counter.Requests, counter.RequestsPerSecond, counter.AverageMilliseconds);
            })])).ToList();
        return new StatusResponse(eyrie, sites, farms.Status());
    }

    /// <summary>A binding in appcmd's notation: <c>https/*:443:shop.example</c>.</summary>
    public static string Notation(BindingConfig binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return $"{binding.Protocol.ToString().ToLowerInvariant()}/{binding.Address}:{binding.Port}:{binding.Host}";
    }

    private static BindingStatus Binding(BindingConfig binding, int? boundPort) => new(
        Notation(binding),
        binding.Protocol.ToString().ToLowerInvariant(),
        binding.Address,
        binding.Port,
        binding.Host,
        boundPort,
        boundPort is not null);

    private ApplicationStatus Application(SiteConfig site, ApplicationConfig application, string physicalPath, DateTimeOffset now)
    {
        var path = VirtualPath.Normalize(application.Path);
        var name = site.Name + path;
        var counter = traffic.For(site.Name, path);
        if (application.WebFarm is { } farm)
        {
            return new ApplicationStatus(name, path, null, farm, "Farm", 0, 0, 0, counter.RequestsPerSecond, counter.AverageMilliseconds, counter.Requests, counter.Errors, 0, null, null, null, []);
        }

        var status = pools.Find(name)?.Status ?? PoolStatus.Initial(name);
        return new ApplicationStatus(
            name,
            path,
            physicalPath,
            null,
            status.State.ToString(),
            status.Generation,
            status.QueuedRequests,
            status.Workers.Sum(w => w.ActiveRequests),
            counter.RequestsPerSecond,
            counter.AverageMilliseconds,
            counter.Requests,
            counter.Errors,
            status.Restarts,
            status.LastExit,
            status.LastFailure,
            status.LastRecycle,
            [.. status.Workers.Select(w => new WorkerSummary(
                w.Id,
                w.ProcessId,
                w.Port,
                w.State.ToString(),
                w.Generation,
                w.InRotation,
                w.StartedAt,
                w.ReadyAt,
                Math.Round((now - w.StartedAt).TotalSeconds),
                w.ActiveRequests,
                w.Requests,
                w.ResidentKb,
                w.PrivateKb,
                w.CpuPercent))]);
    }
}
