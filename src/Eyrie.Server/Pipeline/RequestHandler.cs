using Eyrie.Server.Errors;
using Eyrie.Server.Forwarding;
using Eyrie.Server.Listeners;
using Eyrie.Server.Routing;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
using Eyrie.Server.WebServer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Pipeline;

/// <summary>
/// The request flow of the edge, in order: header checks (400); site by local address and Host (IIS
/// precedence; none → 400 Invalid Hostname); on https, the site must be the one the TLS server name chose
/// (else 421); http → https redirect and HSTS per site; route by longest path; IP restrictions, dynamic IP
/// limits and request filtering (IIS's answers); the app's web.config features (custom headers, URL rewrite,
/// httpRedirect; custom error pages for what follows); then the application's pool (a Range that could amplify the
/// response is dropped; compressed if the web.config asks), its web farm, or the virtual directory's files.
/// Reads only the current <see cref="RoutingTable"/>.
/// </summary>
public sealed partial class RequestHandler(RoutingState routing, WorkerForwarder forwarder, FarmForwarder farms, StaticFileHandler files, SecurityGate gate, ILogger<RequestHandler> logger) : IRequestDispatcher
{
    private static readonly string[] ExecuteUrlDroppedHeaders =
    [
        HeaderNames.ContentLength, HeaderNames.ContentType, HeaderNames.TransferEncoding, HeaderNames.Expect, HeaderNames.Range, HeaderNames.IfRange,
        HeaderNames.IfMatch, HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfUnmodifiedSince,
    ];

    private static readonly Func<object, Task> SetStatus = state =>
    {
        var (response, status) = ((HttpResponse, int))state;
        response.StatusCode = status;
        return Task.CompletedTask;
    };

    private static readonly Func<object, Task> AddStrictTransportSecurity = state =>
    {
        var (response, value) = ((HttpResponse, string))state;
        response.Headers.StrictTransportSecurity = value;
        return Task.CompletedTask;
    };

    public async Task HandleAsync(EdgeRequest request, ListenerEndpoint listener)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        object? slot = null;
        try
        {
            if (HeaderPolicy.Check(context.Request) is { } problem)
            {
                LogBadHeaders(logger, problem);
                context.Response.Headers.Connection = "close";
                await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "HTTP Error 400. The request is badly formed.", "Bad Request");
                return;
            }

            var routes = routing.Current.For(listener);
            var local = context.Connection.LocalIpAddress!;
            var site = routes?.ResolveSite(local, HostHeader.GetHost(context.Request.Headers.Host.ToString()));
            if (site is null)
            {
                await ErrorPages.InvalidHostnameAsync(context);
                return;
            }

            request.Site = site;
            if (context.Request.IsHttps)
            {
                if (!ReferenceEquals(site, SiteOfServerName(request, routes!, local)))
                {
                    // The certificate presented was another site's: this connection must not serve this host.
                    LogMisdirected(logger, context.Request.Headers.Host.ToString(), site.Name);
                    await ErrorPages.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "HTTP Error 421 - Misdirected Request", "This connection was made for another host name; connect again for this one.");
                    return;
                }

                if (site.StrictTransportSecurity is { } hsts)
                {
                    context.Response.OnStarting(AddStrictTransportSecurity, (context.Response, hsts));
                }
            }
            else if (site.HttpsRedirectPort is { } httpsPort)
            {
                RedirectToHttps(context, httpsPort);
                return;
            }

            var route = site.Resolve(context.Request.Path.Value);
            if (route is null)
            {
                await ErrorPages.NotFoundAsync(context);
                return;
            }

            request.Route = route;
            request.Dispatcher = this;
            var web = route.WebServer.For(context.Request.Path.Value);
            request.WebServer = web;
            web.ApplyHeaders(context.Response);
            var pathInRoute = route.Path == "/" ? context.Request.Path.Value.AsSpan() : context.Request.Path.Value.AsSpan(route.Path.Length);
            (var decision, slot) = SecurityGate.Admit(request, route.Security.For(pathInRoute));
            if (decision.IsDenied)
            {
                await gate.DenyAsync(request, decision);
                return;
            }

            if (web.Rewrite is { } rewriter)
            {
                switch (rewriter.Apply(context))
                {
                    case RewriteOutcome.Ended:
                        return;
                    case RewriteOutcome.Rewritten:
                        // The rewritten URL may belong to another application or virtual directory of the site, as in IIS.
                        LogRewritten(logger, context.Request.Headers["X-Original-URL"].ToString(), context.Request.Path.Value + context.Request.QueryString);
                        route = site.Resolve(context.Request.Path.Value);
                        if (route is null)
                        {
                            await ErrorPages.NotFoundAsync(context);
                            return;
                        }

                        request.Route = route;
                        var rewrittenWeb = route.WebServer.For(context.Request.Path.Value);
                        if (!ReferenceEquals(rewrittenWeb, web))
                        {
                            rewrittenWeb.ApplyHeaders(context.Response);
                        }

                        request.WebServer = web = rewrittenWeb;
                        break;
                }
            }

            if (web.Redirect?.Target(context.Request) is { } target)
            {
                context.Response.StatusCode = web.Redirect.Status;
                context.Response.Headers.Location = target;
                return;
            }

            await DispatchAsync(request, route);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The owning boundary for unexpected failures of one request: log, answer 500 if still possible.
            LogUnhandled(logger, context.Request.Path.Value, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            else
            {
                context.Abort();
            }
        }
        finally
        {
            DynamicIpLimiter.Leave(slot);
        }
    }

    public Task ForwardAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = request.Route!;
        return route.Kind == RouteKind.Farm ? farms.ForwardAsync(request, route) : forwarder.ForwardAsync(request, route.Pool!);
    }

    public async Task<bool> ExecuteUrlAsync(EdgeRequest request, string url, int status)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        if (request.Site?.Resolve(path) is not { } route)
        {
            return false;
        }

        // A GET of the URL, without the original request's body, conditions or ranges; the answer keeps the error's status.
        var context = request.HttpContext;
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = new PathString(path);
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
        foreach (var header in ExecuteUrlDroppedHeaders)
        {
            context.Request.Headers.Remove(header);
        }

        context.Features.Set<IHttpRequestBodyDetectionFeature>(NoRequestBody.Instance);
        context.Request.Body = Stream.Null;
        context.Response.Clear();
        context.Response.OnStarting(SetStatus, (context.Response, status));
        request.Route = route;
        await DispatchAsync(request, route);
        return true;
    }

    private async Task DispatchAsync(EdgeRequest request, ApplicationRoute route)
    {
        var context = request.HttpContext;
        if (route.Kind == RouteKind.VirtualDirectory)
        {
            await files.ServeAsync(request, route);
            return;
        }

        if (RangeGuard.IsAmplifying(context.Request.Headers.Range))
        {
            LogRangeDropped(logger, context.Request.Headers.Range.ToString());
            context.Request.Headers.Remove(HeaderNames.Range);
        }

        // A custom error page runs inside the original request's compression, if any.
        await (request.WebServer?.Compression is { } compression && !request.InCustomError ? compression.ForwardAsync(context) : ForwardAsync(request));
    }

    /// <summary>The site of the https binding the TLS server name (SNI) chose; computed once per connection and table.</summary>
    private static SiteRoute? SiteOfServerName(EdgeRequest request, ListenerRoutes routes, System.Net.IPAddress local)
    {
        if (!ReferenceEquals(request.ServerNameRoutes, routes))
        {
            var serverName = request.HttpContext.Features.Get<ITlsHandshakeFeature>()?.HostName ?? "";
            request.ServerNameSite = routes.ResolveSite(local, serverName);
            request.ServerNameRoutes = routes;
        }

        return request.ServerNameSite;
    }

    private static void RedirectToHttps(HttpContext context, int httpsPort)
    {
        var host = HostHeader.GetHost(context.Request.Headers.Host.ToString()).ToString();
        var authority = httpsPort == 443 ? new HostString(host) : new HostString(host, httpsPort);
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", authority, context.Request.PathBase, context.Request.Path, context.Request.QueryString);
    }

    [LoggerMessage(EventId = EventIds.UnhandledRequestException, Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string? path, Exception exception);

    [LoggerMessage(EventId = EventIds.BadRequestHeaders, Level = LogLevel.Information, Message = "400: {Problem}")]
    private static partial void LogBadHeaders(ILogger logger, string problem);

    [LoggerMessage(EventId = EventIds.RangeDropped, Level = LogLevel.Debug, Message = "Range '{Range}' could amplify the response; forwarded without it")]
    private static partial void LogRangeDropped(ILogger logger, string range);

    [LoggerMessage(EventId = EventIds.UrlRewritten, Level = LogLevel.Debug, Message = "URL rewrite: {OriginalUrl} → {Url}")]
    private static partial void LogRewritten(ILogger logger, string originalUrl, string url);

    [LoggerMessage(EventId = EventIds.MisdirectedRequest, Level = LogLevel.Debug, Message = "421: Host {Host} belongs to site {Site}, not to the site whose certificate this connection got")]
    private static partial void LogMisdirected(ILogger logger, string host, string site);
}
