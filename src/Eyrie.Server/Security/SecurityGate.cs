using System.Net;
using Eyrie.Server.Errors;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Security;

/// <summary>
/// Applies a route's <see cref="SecurityPolicy"/> to a request, in IIS's order: IP restrictions, dynamic IP
/// limits, then request filtering (an app whose web.config security is invalid answers 500.19); answers a denial as IIS does (status and sub-status, or an aborted
/// connection) and arms the streaming body limit for requests that pass.
/// </summary>
public sealed partial class SecurityGate(ILogger<SecurityGate> logger)
{
    private static readonly Func<object, Task> RemoveServer = state =>
    {
        ((HttpResponse)state).Headers.Remove(HeaderNames.Server);
        return Task.CompletedTask;
    };

    /// <summary>
    /// Decides whether the request may go on. A returned slot holds one of the client's concurrent requests:
    /// give it back with <see cref="DynamicIpLimiter.Leave"/> when the request ends.
    /// </summary>
    public static (SecurityDecision Decision, object? Slot) Admit(EdgeRequest request, SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ConfigurationError is not null)
        {
            return (SecurityDecision.Deny(StatusCodes.Status500InternalServerError, 19), null);
        }

        var context = request.HttpContext;
        var peer = ClientAddress.Normalize(context.Connection.RemoteIpAddress ?? IPAddress.IPv6None);
        if (policy.IpRestriction is { } restriction)
        {
            var decision = restriction.Check(restriction.ProxyMode ? Resolve(context, peer, policy) : peer);
            if (decision.IsDenied)
            {
                return (decision, null);
            }
        }

        object? slot = null;
        if (policy.DynamicIp is { } limiter)
        {
            var (decision, held) = limiter.Enter(limiter.ProxyMode ? Resolve(context, peer, policy) : peer, out var loggedOnly);
            if (loggedOnly)
            {
                request.SubStatus = decision.SubStatus;
            }
            else if (decision.IsDenied)
            {
                return (decision, null);
            }

            slot = held;
        }

        var filtered = policy.Filter.Check(context);
        if (filtered.IsDenied)
        {
            DynamicIpLimiter.Leave(slot);
            return (filtered, null);
        }

        // The body limit holds while the body streams, chunked or not: the server stops reading at the limit.
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = policy.Filter.MaxAllowedContentLength;
        }

        if (policy.Filter.RemoveServerHeader)
        {
            context.Response.OnStarting(RemoveServer, context.Response);
        }

        return (SecurityDecision.Pass, slot);
    }

    /// <summary>Answers a denied request as IIS does; the sub-status is kept for the access log.</summary>
    public Task DenyAsync(EdgeRequest request, SecurityDecision decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        request.SubStatus = decision.SubStatus;
        LogDenied(logger, context.Request.Method, context.Request.Path.Value, decision.Abort ? "aborted" : $"{decision.Status}.{decision.SubStatus}");
        if (decision.Abort)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        if (decision.Status == StatusCodes.Status500InternalServerError)
        {
            return ErrorPages.ConfigurationErrorAsync(context, request.Route?.Security.Root.ConfigurationError ?? "");
        }

        if (decision.Status == StatusCodes.Status413PayloadTooLarge)
        {
            // The body was not read: the connection cannot carry another request.
            context.Response.Headers.Connection = "close";
        }

        return DenialPages.WriteAsync(context, decision.Status, decision.SubStatus);
    }

    private static IPAddress Resolve(HttpContext context, IPAddress peer, SecurityPolicy policy) =>
        ClientAddress.Resolve(peer, context.Request.Headers[ForwardedFor], policy.TrustedProxies);

    private const string ForwardedFor = "X-Forwarded-For";

    [LoggerMessage(EventId = EventIds.RequestDenied, Level = LogLevel.Debug, Message = "{Method} {Path} denied: {Status}")]
    private static partial void LogDenied(ILogger logger, string method, string? path, string status);
}
