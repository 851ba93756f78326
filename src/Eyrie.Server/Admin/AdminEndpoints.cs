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
        return endpoints;
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
