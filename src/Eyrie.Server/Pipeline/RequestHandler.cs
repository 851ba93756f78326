using Eyrie.Server.Errors;
using Eyrie.Server.Forwarding;
using Eyrie.Server.Listeners;
using Eyrie.Server.Routing;
using Eyrie.Server.Security;
using Eyrie.Server.StaticFiles;
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
/// limits and request filtering (IIS's answers); then the application's pool (a Range that could amplify the
/// response is dropped), its web farm, or the virtual directory's files. Reads only the current <see cref="RoutingTable"/>.
/// </summary>
public sealed partial class RequestHandler(RoutingState routing, WorkerForwarder forwarder, FarmForwarder farms, StaticFileHandler files, SecurityGate gate, ILogger<RequestHandler> logger)
{
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
            var pathInRoute = route.Path == "/" ? context.Request.Path.Value.AsSpan() : context.Request.Path.Value.AsSpan(route.Path.Length);
            (var decision, slot) = SecurityGate.Admit(request, route.Security.For(pathInRoute));
            if (decision.IsDenied)
            {
                await gate.DenyAsync(request, decision);
                return;
            }

            if (route.Kind == RouteKind.VirtualDirectory)
            {
                await files.ServeAsync(request, route);
            }
            else
            {
                if (RangeGuard.IsAmplifying(context.Request.Headers.Range))
                {
                    LogRangeDropped(logger, context.Request.Headers.Range.ToString());
                    context.Request.Headers.Remove(HeaderNames.Range);
                }

                await (route.Kind == RouteKind.Farm ? farms.ForwardAsync(request, route) : forwarder.ForwardAsync(request, route.Pool!));
            }
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

    [LoggerMessage(EventId = EventIds.MisdirectedRequest, Level = LogLevel.Debug, Message = "421: Host {Host} belongs to site {Site}, not to the site whose certificate this connection got")]
    private static partial void LogMisdirected(ILogger logger, string host, string site);
}
