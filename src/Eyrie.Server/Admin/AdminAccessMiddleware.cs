using System.Net;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.Admin;

/// <summary>
/// Guards the admin API where file permissions cannot: on its loopback TCP listener. The Host must name a
/// loopback address (a page on another site that resolves its name to 127.0.0.1 — DNS rebinding — is
/// refused), a browser's Origin must be this listener's own (no cross-site requests), and the API needs the
/// bearer token (401 otherwise). The dashboard's page itself holds no secret and is served without it.
/// Requests on the Unix socket pass: only this user can connect to it.
/// </summary>
public sealed class AdminAccessMiddleware(RequestDelegate next, AdminToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Connection.LocalIpAddress is null)
        {
            return next(context);
        }

        var host = context.Request.Host;
        if (!host.HasValue || !IsLoopbackName(host.Host))
        {
            return Results.Problem(
                title: "Host not allowed",
                detail: $"the admin listener answers only to a loopback host name (127.0.0.1, [::1], localhost), not '{host.Value}'",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                title: "Origin not allowed",
                detail: $"requests from '{origin}' are refused: only the dashboard served here may call the admin API",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        if (NeedsToken(context.Request.Path) && !token.Accepts(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"eyrie\"";
            return Results.Problem(
                title: "Unauthenticated",
                detail: $"send the admin token as 'Authorization: Bearer <token>'; it is in {token.FilePath}",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool NeedsToken(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
