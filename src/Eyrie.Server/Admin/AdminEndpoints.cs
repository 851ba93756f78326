using Eyrie.Processes.Pools;
using Eyrie.Server.Farms;
using Eyrie.Server.Hosting;
using Eyrie.Server.Logging;
using Eyrie.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Eyrie.Server.Admin;

/// <summary>
/// The admin API: JSON over Eyrie's private Unix socket. Errors are RFC 9457 problem details, with the
/// configuration diagnostics (file, line, key) where there are any.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapEyrieAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api");
        api.MapGet("/status", (StatusReporter status) => Results.Ok(status.Report()));
        api.MapGet("/config", ReadConfigAsync);
        api.MapPut("/config", WriteConfigAsync);
        api.MapGet("/logs", LiveLogEndpoint.StreamAsync);
        api.MapPost("/reload", ReloadAsync);
        api.MapGet("/applications", (WorkerPoolManager pools) => Results.Ok(pools.Pools.Select(p => p.Status).OrderBy(s => s.Application, StringComparer.OrdinalIgnoreCase)));
        api.MapPost("/applications/recycle", RecycleAsync);
        api.MapPost("/applications/start", (string name, WorkerPoolManager pools) => SetRunningAsync(name, pools, running: true));
        api.MapPost("/applications/stop", (string name, WorkerPoolManager pools) => SetRunningAsync(name, pools, running: false));
        api.MapGet("/farms", (FarmGateway farms) => Results.Ok(farms.Status()));
        api.MapGet("/accesslogs", (AccessLogs logs) => Results.Ok(logs.Status()));
        endpoints.MapGet("/metrics", (MetricsCollector metrics) => Results.Text(metrics.Scrape(), MetricsCollector.ContentType));
        DashboardFiles.Map(endpoints);
        return endpoints;
    }

    /// <summary>Recycles an application, overlapped; answers when its new workers took over, or failed to (409, the old ones keep serving).</summary>
    private static async Task<IResult> RecycleAsync(string name, WorkerPoolManager pools)
    {
        if (Find(pools, name) is not { } pool)
        {
            return NoSuchApplication(name, pools);
        }

        var result = await pool.RecycleAsync("requested by an operator");
        return result.Succeeded
            ? Results.Ok(new ActionResponse(pool.Application.DisplayName, "recycled", result.Message))
            : Results.Problem(title: "The recycle failed", detail: result.Message, statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> SetRunningAsync(string name, WorkerPoolManager pools, bool running)
    {
        if (Find(pools, name) is not { } pool)
        {
            return NoSuchApplication(name, pools);
        }

        await (running ? pool.StartAsync() : pool.StopAsync());
        return Results.Ok(new ActionResponse(pool.Application.DisplayName, running ? "started" : "stopped", pool.Status.State.ToString()));
    }

    /// <summary>An application by its name, <c>site/path</c>; <c>site</c> alone is its root application.</summary>
    private static WorkerPool? Find(WorkerPoolManager pools, string name) =>
        pools.Find(name) ?? (name.Contains('/', StringComparison.Ordinal) ? null : pools.Find(name + "/"));

    private static IResult NoSuchApplication(string name, WorkerPoolManager pools) => Results.Problem(
        title: "No such application",
        detail: $"no application named '{name}'; the applications Eyrie starts are: {string.Join(", ", pools.Pools.Select(p => p.Application.DisplayName).Order(StringComparer.OrdinalIgnoreCase))}",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>eyrie.json as it is on disk, with its tag for If-Match.</summary>
    private static async Task<IResult> ReadConfigAsync(ConfigurationSource configuration, HttpContext context, CancellationToken cancellationToken)
    {
        if (configuration.Current.FilePath is not { } file)
        {
            return Results.Problem(title: "No configuration file", detail: "Eyrie runs without a configuration file (eyrie host)", statusCode: StatusCodes.Status404NotFound);
        }

        var content = await File.ReadAllBytesAsync(file, cancellationToken);
        context.Response.Headers.ETag = ConfigFileTag.Of(content);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(content, "application/json; charset=utf-8");
    }

    /// <summary>
    /// Replaces eyrie.json: If-Match is required (428 without it, 412 when the file changed since), the body
    /// must be a valid configuration (400 if it is not JSON, 422 if it is not valid; both with every error's
    /// line and key), and it is applied before it is written: either all of it runs and is on disk, or nothing changed.
    /// </summary>
    private static async Task<IResult> WriteConfigAsync(ConfigurationReloader reloader, HttpContext context, CancellationToken cancellationToken)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Results.Problem(
                title: "If-Match required",
                detail: "send the ETag of GET /api/config in If-Match, so that a change made meanwhile is not overwritten (or * to overwrite whatever is there)",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        var result = await reloader.ReplaceAsync(body.ToArray(), ifMatch.Trim(), cancellationToken);
        if (result.ETag is { } tag)
        {
            context.Response.Headers.ETag = tag;
        }

        var diagnostics = result.Diagnostics.Select(DiagnosticModel.From).ToList();
        var status = result.Outcome switch
        {
            ConfigWriteOutcome.Applied => StatusCodes.Status200OK,
            ConfigWriteOutcome.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ConfigWriteOutcome.Malformed => StatusCodes.Status400BadRequest,
            ConfigWriteOutcome.Invalid => StatusCodes.Status422UnprocessableEntity,
            ConfigWriteOutcome.NoFile => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        if (status == StatusCodes.Status200OK)
        {
            return Results.Ok(new ReloadResponse("applied", result.Message, diagnostics));
        }

        return Results.Problem(
            title: result.Outcome switch
            {
                ConfigWriteOutcome.PreconditionFailed => "The configuration changed meanwhile",
                ConfigWriteOutcome.Malformed => "The configuration is not JSON",
                ConfigWriteOutcome.Invalid => "The configuration is not valid",
                ConfigWriteOutcome.NoFile => "No configuration file",
                _ => "The configuration was not applied",
            },
            detail: result.Message,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics });
    }

    private static async Task<IResult> ReloadAsync(ConfigurationReloader reloader, CancellationToken cancellationToken)
    {
        var result = await reloader.ReloadAsync(cancellationToken);
        var diagnostics = result.Diagnostics.Select(DiagnosticModel.From).ToList();
        if (result.Applied)
        {
            return Results.Ok(new ReloadResponse("applied", result.Message, diagnostics));
        }

        return Results.Problem(
            title: "The configuration was not applied",
            detail: result.Message,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics });
    }
}
