using System.Globalization;
using Eyrie.Configuration;
using Eyrie.Configuration.Certificates;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Paths;
using Eyrie.Configuration.Validation;
using Eyrie.Processes.Pools;
using Eyrie.Configuration.WebConfig;
using Eyrie.Server.Farms;
using Eyrie.Server.Listeners;
using Eyrie.Server.Logging;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
using Eyrie.Server.Tls;
using Eyrie.Server.WebServer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eyrie.Server.Routing;

/// <summary>Compiles a validated configuration, its pools and its certificates into a <see cref="RoutingTable"/>.</summary>
public static class RoutingTableBuilder
{
    /// <summary>The application definitions of a configuration: one per application of each site that Eyrie starts (not the farms').</summary>
    public static IReadOnlyList<ApplicationDefinition> Applications(LoadedConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var result = new List<ApplicationDefinition>();
        foreach (var site in loaded.Config.Sites)
        {
            var httpsPort = site.Bindings.FirstOrDefault(b => b.Protocol == BindingProtocol.Https)?.Port;
            foreach (var application in site.Applications.Where(a => a.WebFarm is null))
            {
                result.Add(new ApplicationDefinition(site.Name, VirtualPath.Normalize(application.Path), loaded.ResolvePath(application.PhysicalPath!), application.AspNetCore, httpsPort, application.ApplicationPool));
            }
        }

        return result;
    }

    /// <summary>The listeners a configuration needs.</summary>
    public static IReadOnlySet<ListenerEndpoint> Listeners(LoadedConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var wildcardPorts = ListenerPlanner.WildcardPorts(loaded.Config);
        return loaded.Config.Sites.SelectMany(s => s.Bindings).Select(b => ListenerPlanner.EndpointOf(b, wildcardPorts)).ToHashSet();
    }

    /// <summary>The certificate files an https binding names, resolved.</summary>
    public static IEnumerable<CertificateFiles> CertificateFiles(LoadedConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return loaded.Config.Sites.SelectMany(s => s.Bindings)
            .Where(b => b is { Protocol: BindingProtocol.Https, Certificate: not null })
            .Select(b => Configuration.Certificates.CertificateFiles.From(b.Certificate!, loaded.BaseDirectory))
            .Distinct();
    }

    /// <param name="loaded">The configuration.</param>
    /// <param name="pools">The pool of each application.</param>
    /// <param name="certificates">The certificate of each https binding's files.</param>
    /// <param name="security">Builds each route's security policy.</param>
    /// <param name="diagnostics">Problems in the apps' web.config <c>system.webServer</c> sections (an app with errors answers 500.19).</param>
    /// <param name="rewriteLogger">The logger of the apps' URL rewrite rules.</param>
    /// <param name="accessLogs">The access log of each site by name (null: none).</param>
    public static RoutingTable Build(LoadedConfig loaded, IReadOnlyDictionary<ApplicationDefinition, WorkerPool> pools, Func<CertificateFiles, CertificateSource> certificates, SecurityPolicyFactory security, DiagnosticBag diagnostics, ILogger? rewriteLogger = null, Func<string, AccessLog?>? accessLogs = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(security);
        var applications = Applications(loaded).ToDictionary(a => (a.SiteName, a.VirtualPath));
        var wildcardPorts = ListenerPlanner.WildcardPorts(loaded.Config);
        var listeners = new Dictionary<ListenerEndpoint, List<BindingRoute>>();
        foreach (var site in loaded.Config.Sites)
        {
            var routes = new List<ApplicationRoute>();
            var webConfigs = new List<(string Path, IReadOnlyList<WebConfigLocation> Locations, RouteWebServer WebServer)>();
            foreach (var application in site.Applications)
            {
                var path = VirtualPath.Normalize(application.Path);
                if (application.WebFarm is { } farm)
                {
                    var farmName = loaded.Config.WebFarms.First(f => string.Equals(f.Name, farm, StringComparison.OrdinalIgnoreCase)).Name;
                    routes.Add(ApplicationRoute.ForFarm(site.Name, path, farmName, FarmProxyConfigBuilder.RouteId(site.Name, path), security.ForApplication(site, application, path, [])));
                    continue;
                }

                var definition = applications[(site.Name, path)];
                var (webConfig, webServer, error) = ReadWebConfig(path, definition.PhysicalPath, rewriteLogger ?? NullLogger.Instance, diagnostics);
                var routeSecurity = error is null ? security.ForApplication(site, application, path, webConfig) : SecurityPolicyFactory.ForInvalidWebConfig(error);
                routes.Add(ApplicationRoute.ForApplication(site.Name, path, pools[definition], routeSecurity).With(webServer));
                webConfigs.Add((path, webConfig, webServer));
            }

            foreach (var directory in site.VirtualDirectories)
            {
                // A virtual directory below an app shares its web.config, as in IIS: its sections and headers apply to the files too.
                var path = VirtualPath.Normalize(directory.Path);
                var app = webConfigs.Where(w => VirtualPath.Contains(w.Path, path)).OrderByDescending(w => w.Path.Length).FirstOrDefault();
                var inherited = app.Locations is null ? [] : AppliesTo(app.Path, app.Locations, path);
                var settings = new StaticFileSettings(loaded.ResolvePath(directory.PhysicalPath), site, directory, inherited);
                routes.Add(ApplicationRoute.ForVirtualDirectory(site.Name, path, settings, security.ForSite(site)).With(app.WebServer ?? RouteWebServer.None));
            }

            var siteRoute = new SiteRoute(site.Name, routes, StrictTransportSecurity(site.Hsts), HttpsRedirectPort(site), accessLogs?.Invoke(site.Name));
            foreach (var binding in site.Bindings)
            {
                var endpoint = ListenerPlanner.EndpointOf(binding, wildcardPorts);
                if (!listeners.TryGetValue(endpoint, out var list))
                {
                    listeners[endpoint] = list = [];
                }

                var certificate = binding is { Protocol: BindingProtocol.Https, Certificate: { } files }
                    ? certificates(Configuration.Certificates.CertificateFiles.From(files, loaded.BaseDirectory))
                    : null;
                list.Add(new BindingRoute(BindingAddress.Parse(binding.Address), binding.Host.ToLowerInvariant(), siteRoute, certificate));
            }
        }

        return new RoutingTable(listeners.ToDictionary(l => l.Key, l => new ListenerRoutes(l.Value)));
    }

    /// <summary>The <c>system.webServer</c> sections of an app's web.config, compiled, or its errors (also added to <paramref name="diagnostics"/>).</summary>
    private static (IReadOnlyList<WebConfigLocation> Locations, RouteWebServer WebServer, string? Error) ReadWebConfig(string appPath, string physicalPath, ILogger logger, DiagnosticBag diagnostics)
    {
        if (!File.Exists(Path.Combine(physicalPath, WebConfigReader.FileName)))
        {
            return ([], RouteWebServer.None, null);
        }

        var local = new DiagnosticBag();
        var file = WebConfigReader.ReadFromFolder(physicalPath, local);
        var locations = file?.Locations ?? [];
        var webServer = local.HasErrors ? RouteWebServer.None : WebServerPolicyFactory.Build(appPath, physicalPath, locations, logger, local);
        diagnostics.AddRange(local.Items);
        return local.HasErrors
            ? ([], RouteWebServer.None, string.Join(Environment.NewLine, local.Items.Where(d => d.Severity == DiagnosticSeverity.Error)))
            : (locations, webServer, null);
    }

    /// <summary>The web.config locations of the app at <paramref name="appPath"/> that apply to <paramref name="path"/>, outermost first.</summary>
    private static IReadOnlyList<WebConfigLocation> AppliesTo(string appPath, IReadOnlyList<WebConfigLocation> locations, string path)
    {
        var below = appPath == "/" ? path : path.Length == appPath.Length ? "/" : path[appPath.Length..];
        return [.. locations.Where(l => VirtualPath.Contains(l.Path, below)).OrderBy(l => l.Path.Length)];
    }

    private static string? StrictTransportSecurity(HstsConfig? hsts)
    {
        if (hsts is not { Enabled: true })
        {
            return null;
        }

        var value = "max-age=" + hsts.MaxAge.ToString(CultureInfo.InvariantCulture);
        if (hsts.IncludeSubDomains)
        {
            value += "; includeSubDomains";
        }

        return hsts.Preload ? value + "; preload" : value;
    }

    private static int? HttpsRedirectPort(SiteConfig site) =>
        site.Hsts is { RedirectHttpToHttps: true }
            ? site.Bindings.FirstOrDefault(b => b.Protocol == BindingProtocol.Https)?.Port
            : null;
}
