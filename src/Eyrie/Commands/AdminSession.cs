using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary>
/// What every command that talks to the running Eyrie shares: finding it (exit 3 with the reason when it
/// does not answer), printing its problems, and editing eyrie.json through it (read with its ETag,
/// change, write with If-Match; a concurrent change is read again and the edit redone).
/// </summary>
internal static class AdminSession
{
    private const int EditAttempts = 3;

    public static async Task<int> RunAsync(FileInfo config, Func<AdminClient, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var client = AdminClient.ForConfig(config, out var notRunning);
        if (client is null)
        {
            await Console.Error.WriteLineAsync(notRunning);
            return ExitCodes.NotRunning;
        }

        try
        {
            return await action(client);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException)
        {
            await Console.Error.WriteLineAsync($"Eyrie is not running (its admin socket {client.SocketPath} does not answer)");
            return ExitCodes.NotRunning;
        }
        catch (ConfigEditException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.ActionFailed;
        }
    }

    /// <summary>GETs <paramref name="path"/> and returns its JSON, or prints the problem and returns null.</summary>
    public static async Task<JsonElement?> GetJsonAsync(AdminClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        await WriteProblemAsync(body);
        return null;
    }

    /// <summary>Applies <paramref name="edit"/> to eyrie.json through the running Eyrie; prints what happened.</summary>
    public static async Task<int> EditConfigAsync(AdminClient client, Func<ConfigDocument, string> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(edit);
        for (var attempt = 1; ; attempt++)
        {
            using var read = await client.GetAsync("/api/config", cancellationToken);
            if (!read.IsSuccessStatusCode)
            {
                await WriteProblemAsync(await AdminClient.ReadJsonAsync(read, cancellationToken));
                return ExitCodes.ActionFailed;
            }

            var document = ConfigDocument.Parse(await read.Content.ReadAsStringAsync(cancellationToken));
            var done = edit(document);
            var edited = document.ToText();
            using var write = new HttpRequestMessage(HttpMethod.Put, "/api/config") { Content = new StringContent(edited.Text, Encoding.UTF8, "application/json") };
            write.Headers.IfMatch.Add(read.Headers.ETag ?? EntityTagHeaderValue.Any);
            using var response = await client.SendAsync(write, cancellationToken);
            var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Console.Out.WriteLine(done);
                if (edited.DroppedComments > 0)
                {
                    Console.Out.WriteLine($"note: {edited.DroppedComments} comment(s) of eyrie.json were inside a part this edit rewrote and were not kept");
                }

                WriteDiagnostics(Console.Out, body, "warnings");
                return ExitCodes.Success;
            }

            if (response.StatusCode == System.Net.HttpStatusCode.PreconditionFailed && attempt < EditAttempts)
            {
                continue;
            }

            await WriteProblemAsync(body);
            return response.StatusCode is System.Net.HttpStatusCode.UnprocessableEntity or System.Net.HttpStatusCode.BadRequest
                ? ExitCodes.ConfigurationError
                : ExitCodes.ActionFailed;
        }
    }

    public static async Task WriteProblemAsync(JsonElement problem)
    {
        var title = problem.TryGetProperty("title", out var t) ? t.GetString() : "Error";
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        await Console.Error.WriteLineAsync(detail is null ? title : $"{title}: {detail}");
        WriteDiagnostics(Console.Error, problem, "diagnostics");
    }

    public static void WriteJson(JsonElement element) => Console.Out.WriteLine(JsonSerializer.Serialize(element, AdminClient.Json));

    /// <summary>Prints the <c>text</c> of each diagnostic listed under <paramref name="property"/> (warnings, diagnostics).</summary>
    public static void WriteDiagnostics(TextWriter writer, JsonElement body, string property)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var diagnostic in list.EnumerateArray())
            {
                writer.WriteLine(diagnostic.GetProperty("text").GetString());
            }
        }
    }
}
