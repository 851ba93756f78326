using Eyrie.Configuration.Paths;
using Eyrie.Processes.Pools;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
using Eyrie.Server.Telemetry;
using Eyrie.Server.WebServer;

namespace Eyrie.Server.Routing;

/// <summary>A path of a site and what serves it: an application's pool, a web farm, or a virtual directory's folder.</summary>
public sealed class ApplicationRoute
{
    private ApplicationRoute(string siteName, string path, RouteKind kind, RouteSecurity security)
    {
        SiteName = siteName;
        Path = path;
        Kind = kind;
        Security = security;
    }

    public string SiteName { get; }

    /// <summary>The normalised virtual path: <c>/</c>, <c>/shop</c>.</summary>
    public string Path { get; }

    public RouteKind Kind { get; }

    /// <summary>The pool, for an application.</summary>
    public WorkerPool? Pool { get; private init; }

    /// <summary>The web farm's name, for an application that forwards to a farm.</summary>
    public string? FarmName { get; private init; }

    /// <summary>The YARP route of a farm application.</summary>
    public string? FarmRouteId { get; private init; }

    /// <summary>The folder and its settings, for a virtual directory.</summary>
    public StaticFileSettings? Files { get; private init; }

    /// <summary>Request filtering, IP restrictions and limits for requests to this route.</summary>
    public RouteSecurity Security { get; }

    /// <summary>What the web.config of the app (or of the app a virtual directory is below) asks of the server.</summary>
    public RouteWebServer WebServer { get; private init; } = RouteWebServer.None;

    /// <summary>Its traffic counter, looked up on its first request (counters outlive routes across reloads).</summary>
    internal TrafficCounter? Traffic { get; set; }

    /// <summary>This route with the web server policies of <paramref name="webServer"/>.</summary>
    public ApplicationRoute With(RouteWebServer webServer) =>
        new(SiteName, Path, Kind, Security) { Pool = Pool, FarmName = FarmName, FarmRouteId = FarmRouteId, Files = Files, WebServer = webServer };

    public static ApplicationRoute ForApplication(string siteName, string path, WorkerPool pool, RouteSecurity security) =>
        new(siteName, path, RouteKind.Application, security) { Pool = pool };

    public static ApplicationRoute ForFarm(string siteName, string path, string farmName, string routeId, RouteSecurity security) =>
        new(siteName, path, RouteKind.Farm, security) { FarmName = farmName, FarmRouteId = routeId };

    public static ApplicationRoute ForVirtualDirectory(string siteName, string path, StaticFileSettings files, RouteSecurity security) =>
        new(siteName, path, RouteKind.VirtualDirectory, security) { Files = files };

    /// <summary>True if <paramref name="requestPath"/> is this path or below it, ignoring case as IIS does.</summary>
    public bool Matches(ReadOnlySpan<char> requestPath) => VirtualPath.Contains(Path, requestPath);
}
