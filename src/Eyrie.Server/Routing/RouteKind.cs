namespace Eyrie.Server.Routing;

public enum RouteKind
{
    /// <summary>Forwarded to the application's worker pool.</summary>
    Application,

    /// <summary>Forwarded to a web farm of remote servers.</summary>
    Farm,

    /// <summary>Served as static files from a folder.</summary>
    VirtualDirectory,
}
