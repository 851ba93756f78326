using Eyrie.Server.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>
/// Sends an idempotent request without a body to another server when the connection to the chosen one could
/// not be made: nothing reached that server, so nothing can run twice. Each server is tried at most once.
/// Runs in YARP's proxy pipeline ahead of affinity and load balancing, which choose again on each attempt.
/// </summary>
public sealed partial class FarmRetryMiddleware(RequestDelegate next, FarmSettingsRegistry farms, ILogger<FarmRetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proxy = context.GetReverseProxyFeature();
        if (!IsRetryable(context.Request) || farms.Find(proxy.Cluster.Config.ClusterId) is not { RetryIdempotentRequests: true })
        {
            await next(context);
            return;
        }

        var candidates = proxy.AvailableDestinations;
        var tried = new List<DestinationState>(1);
        while (true)
        {
            await next(context);
            if (proxy.ProxiedDestination is not { } destination || context.Response.HasStarted || !FailedToConnect(context))
            {
                return;
            }

            tried.Add(destination);
            var remaining = candidates.Where(d => !tried.Contains(d)).ToList();
            if (remaining.Count == 0)
            {
                return;
            }

            LogRetry(logger, proxy.Cluster.Config.ClusterId, destination.DestinationId, context.Request.Method, context.Request.Path.Value);
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
            proxy.AvailableDestinations = remaining;
            proxy.ProxiedDestination = null;
        }
    }

    /// <summary>Idempotent (RFC 9110 §9.2.2) and without a body: safe to send again.</summary>
    public static bool IsRetryable(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        var idempotent = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);
        return idempotent && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true;
    }

    private static bool FailedToConnect(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request } error
        && ForwardingFailure.Find<HttpRequestException>(error.Exception) is { HttpRequestError: HttpRequestError.ConnectionError };

    [LoggerMessage(EventId = EventIds.FarmRetry, Level = LogLevel.Information, Message = "Web farm {Farm}: could not connect to {Server}; {Method} {Path} goes to another server")]
    private static partial void LogRetry(ILogger logger, string farm, string server, string method, string? path);
}
