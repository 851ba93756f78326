using Eyrie.Configuration.Paths;

namespace Eyrie.Server.WebServer;

/// <summary>
/// The web server policies of an app, by site path: its root's and those of its web.config's <c>&lt;location&gt;</c>
/// sections (longest matching path wins, as in IIS). Virtual directories below the app share it, as they share
/// the app's web.config in IIS.
/// </summary>
public sealed class RouteWebServer
{
    private readonly (string Path, WebServerPolicy Policy)[] _locations;

    public RouteWebServer(IEnumerable<(string Path, WebServerPolicy Policy)> locations, string? configurationError = null)
    {
        _locations = [.. locations.OrderByDescending(l => l.Path.Length)];
        ConfigurationError = configurationError;
    }

    public static RouteWebServer None { get; } = new([]);

    /// <summary>Why the app's web.config could not be compiled (the app answers 500.19), or null.</summary>
    public string? ConfigurationError { get; }

    /// <param name="requestPath">The request path from the site's root.</param>
    public WebServerPolicy For(ReadOnlySpan<char> requestPath)
    {
        foreach (var (path, policy) in _locations)
        {
            if (VirtualPath.Contains(path, requestPath))
            {
                return policy;
            }
        }

        return WebServerPolicy.None;
    }
}
