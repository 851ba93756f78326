using Eyrie.Server.Errors;
using Eyrie.Server.Farms;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Forwarding;

/// <summary>
/// Forwards a request routed to a farm application through its YARP route (affinity, load balancing, retry,
/// health), and gives ARR's answers where YARP leaves only a status: 502.3 when the server failed, 503 when
/// no server is healthy or the farm is disabled.
/// </summary>
public sealed partial class FarmForwarder(FarmGateway gateway, ILogger<FarmForwarder> logger)
{
    public async Task ForwardAsync(EdgeRequest request, ApplicationRoute route)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var context = request.HttpContext;
        if (gateway.Find(route.FarmRouteId!) is not { RequestDelegate: { } pipeline } endpoint)
        {
            // Staging guarantees the route before the table naming it is in force; this is a defect if seen.
            await ErrorPages.ServiceUnavailableAsync(context, "The web farm of this application is not configured yet.");
            return;
        }

        context.SetEndpoint(endpoint);
        try
        {
            await pipeline(context);
        }
        finally
        {
            context.SetEndpoint(null);
        }

        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var proxy = context.Features.Get<IReverseProxyFeature>();
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (proxy?.ProxiedDestination is null && context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            LogNoServer(logger, route.FarmName!, context.Request.Path.Value);
            await ErrorPages.ServiceUnavailableAsync(context, $"No server of web farm '{route.FarmName}' is available.", ErrorOrigin.Module);
        }
        else if (error is not null && ConsecutiveFailuresPolicy.IsServerFailure(error.Error))
        {
            var reason = ForwardingFailure.Describe(error.Error, error.Exception, "protocol.timeout");
            LogFailed(logger, route.FarmName!, proxy?.ProxiedDestination?.DestinationId ?? "?", context.Request.Path.Value, error.Error, reason);
            context.Response.Clear();
            request.SubStatus = 3;
            await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "HTTP Error 502.3 - Bad Gateway", "The web farm's server did not answer this request: " + reason, null, ErrorOrigin.Module);
        }
    }

    [LoggerMessage(EventId = EventIds.FarmNoServer, Level = LogLevel.Warning, Message = "Web farm {Farm}: no server is available for {Path}")]
    private static partial void LogNoServer(ILogger logger, string farm, string? path);

    [LoggerMessage(EventId = EventIds.FarmForwardingFailed, Level = LogLevel.Warning, Message = "Web farm {Farm}: forwarding {Path} to {Server} failed ({Error}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string farm, string server, string? path, ForwarderError error, string reason);
}
