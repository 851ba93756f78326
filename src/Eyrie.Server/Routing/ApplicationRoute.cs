using Eyrie.Configuration.Paths;
using Eyrie.Processes.Pools;
using Eyrie.Server.StaticFiles;

namespace Eyrie.Server.Routing;

/// <summary>A path of a site and what serves it: an application's pool or a virtual directory's folder.</summary>
public sealed class ApplicationRoute
{
    private ApplicationRoute(string siteName, string path, RouteKind kind, WorkerPool? pool, StaticFileSettings? files)
    {
        SiteName = siteName;
        Path = path;
        Kind = kind;
        Pool = pool;
        Files = files;
    }

    public string SiteName { get; }

    /// <summary>The normalised virtual path: <c>/</c>, <c>/shop</c>.</summary>
    public string Path { get; }

    public RouteKind Kind { get; }

    /// <summary>The pool, for an application.</summary>
    public WorkerPool? Pool { get; }

    /// <summary>The folder and its settings, for a virtual directory.</summary>
    public StaticFileSettings? Files { get; }

    public static ApplicationRoute ForApplication(string siteName, string path, WorkerPool pool) =>
        new(siteName, path, RouteKind.Application, pool, null);

    public static ApplicationRoute ForVirtualDirectory(string siteName, string path, StaticFileSettings files) =>
        new(siteName, path, RouteKind.VirtualDirectory, null, files);

    /// <summary>True if <paramref name="requestPath"/> is this path or below it, ignoring case as IIS does.</summary>
    public bool Matches(ReadOnlySpan<char> requestPath) => VirtualPath.Contains(Path, requestPath);
}
