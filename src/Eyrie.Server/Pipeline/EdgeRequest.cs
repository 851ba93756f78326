using Eyrie.Processes.Workers;
using Eyrie.Server.Routing;
using Eyrie.Server.WebServer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Pipeline;

/// <summary>
/// One request as the edge sees it: ASP.NET Core's <see cref="DefaultHttpContext"/> plus what Eyrie decides
/// along the way (site, route, worker, IIS sub-status). Kestrel keeps one per connection and reuses it,
/// so these fields cost nothing per request. Also set as a feature, so that code holding only the
/// <see cref="HttpContext"/> (the forwarding transformer) can reach it.
/// </summary>
public sealed class EdgeRequest
{
    internal EdgeRequest(IFeatureCollection features)
    {
        HttpContext = new DefaultHttpContext(features);
        features.Set(this);
    }

    public DefaultHttpContext HttpContext { get; }

    /// <summary>When Kestrel handed the request over (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for time-taken and durations.</summary>
    public long StartTimestamp { get; internal set; }

    /// <summary>The path as the client sent it (decoded), kept before any rewrite or custom error page changes it: the log's cs-uri-stem.</summary>
    public string? RequestPath { get; internal set; }

    /// <summary>The query string as the client sent it: the log's cs-uri-query.</summary>
    public string? RequestQuery { get; internal set; }

    public SiteRoute? Site { get; set; }

    public ApplicationRoute? Route { get; set; }

    /// <summary>The worker the request was forwarded to (its token goes into MS-ASPNETCORE-TOKEN).</summary>
    public Worker? Worker { get; set; }

    /// <summary>The IIS sub-status of an error answer (502.5 → 5), for the access log.</summary>
    public int SubStatus { get; set; }

    /// <summary>The app's web.config policy for the request's path (headers, custom errors, redirect, rewrite, compression).</summary>
    public WebServerPolicy? WebServer { get; set; }

    /// <summary>The request flow that handles this request (for compression and custom error pages).</summary>
    public IRequestDispatcher? Dispatcher { get; set; }

    /// <summary>The custom error page that replaces the app's error response (httpErrors existingResponse="Replace").</summary>
    public CustomErrorPage? ReplacedBy { get; set; }

    /// <summary>A custom error page is being produced: errors from here on are not customised again.</summary>
    public bool InCustomError { get; set; }

    /// <summary>The site chosen by the connection's TLS server name, cached for the connection (and table) it was computed with.</summary>
    internal SiteRoute? ServerNameSite { get; set; }

    internal ListenerRoutes? ServerNameRoutes { get; set; }

    internal void Reuse(IFeatureCollection features)
    {
        HttpContext.Initialize(features);
        features.Set(this);
    }

    internal void Reset()
    {
        RequestPath = null;
        RequestQuery = null;
        Site = null;
        Route = null;
        Worker = null;
        SubStatus = 0;
        WebServer = null;
        Dispatcher = null;
        InCustomError = false;
        ReplacedBy = null;
        HttpContext.Uninitialize();
    }
}
