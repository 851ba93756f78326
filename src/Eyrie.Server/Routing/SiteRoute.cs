using Eyrie.Server.Logging;

namespace Eyrie.Server.Routing;

/// <summary>A site's paths, compiled for lookup: the longest matching path wins.</summary>
public sealed class SiteRoute
{
    private readonly ApplicationRoute[] _routes;

    public SiteRoute(string name, IEnumerable<ApplicationRoute> routes, string? strictTransportSecurity = null, int? httpsRedirectPort = null, AccessLog? accessLog = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Name = name;
        _routes = [.. routes.OrderByDescending(r => r.Path.Length)];
        StrictTransportSecurity = strictTransportSecurity;
        HttpsRedirectPort = httpsRedirectPort;
        AccessLog = accessLog;
    }

    public string Name { get; }

    /// <summary>The Strict-Transport-Security value for the site's https responses, or null.</summary>
    public string? StrictTransportSecurity { get; }

    /// <summary>The https port to redirect http requests to (hsts.redirectHttpToHttps), or null.</summary>
    public int? HttpsRedirectPort { get; }

    /// <summary>The site's access log, or null when it is off; carried here so a finished request finds it without a lookup.</summary>
    public AccessLog? AccessLog { get; }

    public IReadOnlyList<ApplicationRoute> Routes => _routes;

    /// <summary>The route serving <paramref name="requestPath"/>, or null (404).</summary>
    public ApplicationRoute? Resolve(ReadOnlySpan<char> requestPath)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(requestPath))
            {
                return route;
            }
        }

        return null;
    }
}
