using Eyrie.Configuration;
using Eyrie.Configuration.Model;
using Eyrie.Processes.Pools;
using Eyrie.Server.Admin;
using Eyrie.Server.Hosting;
using Eyrie.Server.Logging;
using Eyrie.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Eyrie running in the test process, exactly as `eyrie serve` composes it, on ephemeral ports.
/// Disposing it stops Eyrie the way SIGTERM does: listeners drained, every worker stopped.
/// </summary>
internal sealed class EyrieTestHost : IAsyncDisposable
{
    private readonly WebApplication _host;
    private readonly TempDirectory _runtime;
    private readonly TempDirectory? _accessLogs;
    private bool _stopped;

    private EyrieTestHost(WebApplication host, TestLogSink logs, TempDirectory runtime, TempDirectory? accessLogs)
    {
        _host = host;
        Logs = logs;
        _runtime = runtime;
        _accessLogs = accessLogs;
    }

    public TestLogSink Logs { get; }

    public EdgeServer Server => _host.Services.GetRequiredService<EdgeServer>();

    public WorkerPoolManager Pools => _host.Services.GetRequiredService<WorkerPoolManager>();

    public ConfigurationReloader Reloader => _host.Services.GetRequiredService<ConfigurationReloader>();

    public AccessLogs AccessLogs => _host.Services.GetRequiredService<AccessLogs>();

    /// <summary>The folder the sites' access logs go to when the test did not name one.</summary>
    public string? AccessLogDirectory => _accessLogs?.Path;

    public string AdminSocket => _host.Services.GetRequiredService<AdminSocketLocation>().Path;

    /// <summary>The bound port of the listener configured with <paramref name="configuredPort"/>.</summary>
    public int PortOf(int configuredPort) => Server.BoundPorts.First(p => p.Key.Port == configuredPort).Value;

    /// <summary>The port of the first listener.</summary>
    public int Port => Server.BoundPorts.Values.First();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>A configuration with one site, bound to every address on an ephemeral port, and one application.</summary>
    public static EyrieConfig SingleApplication(string physicalPath, string path = "/", AspNetCoreConfig? overrides = null) => new()
    {
        Sites =
        [
            new SiteConfig
            {
                Name = "Test",
                Bindings = [new BindingConfig { Port = 0 }],
                Applications = [new ApplicationConfig { Path = path, PhysicalPath = physicalPath, AspNetCore = overrides }],
            },
        ],
    };

    public static Task<EyrieTestHost> StartAsync(EyrieConfig config, ITestOutputHelper? output, string? baseDirectory = null)
    {
        // Access logs go to a folder of this host's own unless the test names one (not to the shared temp folder).
        TempDirectory? accessLogs = null;
        if (config.SiteDefaults?.LogFile?.Directory is null)
        {
            accessLogs = new TempDirectory("accesslogs");
            config = config with { SiteDefaults = new SiteDefaultsConfig { LogFile = (config.SiteDefaults?.LogFile ?? new LogFileConfig()) with { Directory = accessLogs.Path } } };
        }

        var result = EyrieConfigLoader.FromConfig(config, baseDirectory ?? Path.GetTempPath());
        if (result.Config is null)
        {
            accessLogs?.Dispose();
            throw new InvalidOperationException("Invalid test configuration:\n" + string.Join("\n", result.Diagnostics));
        }

        return StartAsync(result.Config, output, accessLogs);
    }

    public static Task<EyrieTestHost> StartAsync(LoadedConfig config, ITestOutputHelper? output) => StartAsync(config, output, null);

    private static async Task<EyrieTestHost> StartAsync(LoadedConfig config, ITestOutputHelper? output, TempDirectory? accessLogs)
    {
        var logs = new TestLogSink(output);
        var runtime = new TempDirectory("admin");
        var host = EyrieApplication.Build(config, new EyrieApplicationOptions
        {
            AdminSocket = runtime.Combine("eyrie.sock"),
            ConfigureLogging = logging =>
            {
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddFilter("Microsoft", LogLevel.Warning);
                logging.AddFilter("Yarp", LogLevel.Warning);
                logging.AddProvider(logs);
            },
        });
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new EyrieTestHost(host, logs, runtime, accessLogs);
    }

    /// <summary>The admin listener's TCP address (admin.listen), if configured: <c>http://127.0.0.1:port</c>.</summary>
    public Uri? AdminHttpAddress => _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
        .Where(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.Contains("unix:", StringComparison.Ordinal))
        .Select(a => new Uri(a))
        .FirstOrDefault();

    /// <summary>The eyrie.json Eyrie runs, if it was started from a file.</summary>
    public string? ConfigFile => _host.Services.GetRequiredService<ConfigurationSource>().Current.FilePath;

    /// <summary>The bearer token of the admin listener, if admin.listen is configured.</summary>
    public string? AdminToken => _host.Services.GetService<AdminToken>()?.Value;

    /// <summary>A client of the admin API over its Unix socket, as the CLI talks to it.</summary>
    public HttpClient CreateAdminClient() => Clients.Admin(AdminSocket);

    public HttpClient CreateClient(TimeSpan? timeout = null) => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = BaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    public WorkerPool Pool(string path = "/") => Pools.Pools.Single(p => p.Application.VirtualPath.Equals(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Stops Eyrie as SIGTERM would; returns once every worker has exited.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _host.DisposeAsync();
        _runtime.Dispose();
        _accessLogs?.Dispose();
    }
}
