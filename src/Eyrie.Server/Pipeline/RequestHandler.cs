using Eyrie.Server.Errors;
using Eyrie.Server.Forwarding;
using Eyrie.Server.Listeners;
using Eyrie.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Pipeline;

/// <summary>
/// The request flow of the edge, in order: site by local address and Host (IIS precedence; none → 400
/// Invalid Hostname), route by longest path, then the application's pool or the virtual directory.
/// Reads only the current <see cref="RoutingTable"/>.
/// </summary>
public sealed partial class RequestHandler(RoutingState routing, WorkerForwarder forwarder, ILogger<RequestHandler> logger)
{
    public async Task HandleAsync(EdgeRequest request, ListenerEndpoint listener)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        try
        {
            var routes = routing.Current.For(listener);
            var site = routes?.ResolveSite(context.Connection.LocalIpAddress!, HostHeader.GetHost(context.Request.Headers.Host.ToString()));
            if (site is null)
            {
                await ErrorPages.InvalidHostnameAsync(context);
                return;
            }

            request.Site = site;
            var route = site.Resolve(context.Request.Path.Value);
            if (route is null || route.Kind == RouteKind.VirtualDirectory)
            {
                await ErrorPages.NotFoundAsync(context);
                return;
            }

            request.Route = route;
            await forwarder.ForwardAsync(request, route.Pool!);
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
    }

    [LoggerMessage(EventId = EventIds.UnhandledRequestException, Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string? path, Exception exception);
}
