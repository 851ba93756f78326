using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Eyrie.Server.Admin;

/// <summary>
/// <c>GET /api/logs?application=site/path&amp;level=warning&amp;tail=100&amp;follow=true</c>: the recent live log,
/// then, with follow, each new entry as it comes, one JSON object per line (application/x-ndjson), until the
/// client goes away.
/// </summary>
internal static class LiveLogEndpoint
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private static readonly string[] Levels = ["output", "information", "warning", "error", "critical"];

    public static async Task StreamAsync(HttpContext context, LiveLog log, IOptions<JsonOptions> json, string? application = null, string? level = null, int tail = 100, bool follow = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (level is not null && !Levels.Contains(level, StringComparer.OrdinalIgnoreCase))
        {
            await Results.Problem(title: "Unknown level", detail: $"level must be one of {string.Join(", ", Levels)}", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        // "output" is a worker's line: it passes every level filter below warning.
        var minimum = level is null ? 0 : Math.Max(0, Array.FindIndex(Levels, l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase)));
        bool Passes(LiveLogEntry entry) =>
            Array.IndexOf(Levels, entry.Level) >= minimum && (application is null || entry.Concerns(application));

        var options = json.Value.SerializerOptions;
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var cancellationToken = context.RequestAborted;
        try
        {
            // Subscribe before reading the tail, so nothing written in between is lost.
            var following = follow ? log.Follow(cancellationToken) : null;
            foreach (var entry in log.Tail(Math.Clamp(tail, 0, LiveLog.Capacity), Passes))
            {
                await WriteAsync(context.Response, entry, options, cancellationToken);
            }

            await context.Response.Body.FlushAsync(cancellationToken);
            if (following is null)
            {
                return;
            }

            await foreach (var entry in following.ReadAllAsync(cancellationToken))
            {
                if (Passes(entry))
                {
                    await WriteAsync(context.Response, entry, options, cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The follower went away.
        }
    }

    private static async Task WriteAsync(HttpResponse response, LiveLogEntry entry, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, entry, options, cancellationToken);
        await response.Body.WriteAsync(NewLine, cancellationToken);
    }
}
