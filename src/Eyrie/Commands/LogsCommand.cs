using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie logs [site/app] [--follow] [--lines N] [--level L] [--json]</c>: the live log of the running
/// Eyrie — its own entries and its workers' output — and, with --follow, what comes next until Ctrl+C.
/// </summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per line (for scripts)." };
        var application = new Argument<string?>("application") { Description = "Only this application (site/path) or site.", Arity = ArgumentArity.ZeroOrOne };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until interrupted." };
        var lines = new Option<int>("--lines", "-n") { Description = "How many recent entries to print first.", DefaultValueFactory = _ => 50 };
        var level = new Option<string?>("--level") { Description = "Only entries of this level or worse: information, warning, error, critical (worker output counts as information)." };
        var command = new Command("logs", "Print the running Eyrie's recent log and its workers' output.") { application, follow, lines, level, config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            var query = $"/api/logs?tail={parse.GetValue(lines)}&follow={(parse.GetValue(follow) ? "true" : "false")}";
            if (parse.GetValue(application) is { } app)
            {
                query += "&application=" + Uri.EscapeDataString(app);
            }

            if (parse.GetValue(level) is { } minimum)
            {
                query += "&level=" + Uri.EscapeDataString(minimum);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, query);
            using var response = await client.SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                await AdminSession.WriteProblemAsync(await Admin.AdminClient.ReadJsonAsync(response, cancellationToken));
                return ExitCodes.ActionFailed;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            try
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    Console.Out.WriteLine(parse.GetValue(json) ? line : Format(JsonDocument.Parse(line).RootElement));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends --follow.
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Format(JsonElement entry)
    {
        var time = entry.GetProperty("time").GetDateTimeOffset().ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var level = entry.GetProperty("level").GetString();
        var application = entry.GetProperty("application").GetString();
        var message = entry.GetProperty("message").GetString();
        return level == "output"
            ? $"{time} [{application} pid {entry.GetProperty("processId").GetInt32()}] {message}"
            : $"{time} {level,-11} {(application is null ? "" : $"[{application}] ")}{message}";
    }
}
