using Eyrie.Processes.Pools;
using Eyrie.Server.Farms;
using Eyrie.Server.Hosting;
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
        api.MapPost("/reload", ReloadAsync);
        api.MapGet("/applications", (WorkerPoolManager pools) => Results.Ok(pools.Pools.Select(p => p.Status).OrderBy(s => s.Application, StringComparer.OrdinalIgnoreCase)));
        api.MapPost("/applications/recycle", RecycleAsync);
        api.MapPost("/applications/start", (string name, WorkerPoolManager pools) => SetRunningAsync(name, pools, running: true));
        api.MapPost("/applications/stop", (string name, WorkerPoolManager pools) => SetRunningAsync(name, pools, running: false));
        api.MapGet("/farms", (FarmGateway farms) => Results.Ok(farms.Status()));
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
