using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie app list|add|remove|set|recycle|start|stop</c>: the applications of the running Eyrie, as IIS's
/// applications and application pools are managed (recycle overlapped; start clears rapid-fail protection;
/// stop answers 503).
/// </summary>
internal static class AppCommand
{
    public static Command Create()
    {
        var command = new Command("app", "List, add, remove, change, recycle, start or stop the applications of the running Eyrie.");
        command.Subcommands.Add(List());
        foreach (var verb in PathEntryCommands.Create("applications", "application", allowFarm: true))
        {
            command.Subcommands.Add(verb);
        }

        command.Subcommands.Add(Action("recycle", "Replace the application's workers, overlapped: the old ones serve until the new ones are ready."));
        command.Subcommands.Add(Action("start", "Start the application's pool (after rapid-fail protection or a stop)."));
        command.Subcommands.Add(Action("stop", "Stop the application's workers; requests get 503 until it is started."));
        return command;
    }

    private static Command List()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = EyrieCommandLine.JsonOption();
        var command = new Command("list", "List the applications, their state and their workers.") { config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            if (await AdminSession.GetJsonAsync(client, "/api/status", cancellationToken) is not { } status)
            {
                return ExitCodes.ActionFailed;
            }

            var applications = status.GetProperty("sites").EnumerateArray().SelectMany(s => s.GetProperty("applications").EnumerateArray()).ToList();
            if (parse.GetValue(json))
            {
                AdminSession.WriteJson(JsonSerializer.SerializeToElement(applications));
                return ExitCodes.Success;
            }

            var table = new TableWriter("APPLICATION", "STATE", "WORKERS", "PIDS", "REQUESTS", "RESTARTS", "TARGET");
            foreach (var app in applications)
            {
                var workers = app.GetProperty("workers").EnumerateArray().ToList();
                table.Add(
                    app.GetProperty("name").GetString()!,
                    app.GetProperty("state").GetString()!,
                    workers.Count.ToString(CultureInfo.InvariantCulture),
                    workers.Count == 0 ? "-" : string.Join(",", workers.Select(w => w.GetProperty("processId").GetInt32())),
                    app.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture),
                    app.GetProperty("restarts").GetInt32().ToString(CultureInfo.InvariantCulture),
                    app.GetProperty("webFarm").GetString() is { } farm ? "farm " + farm : app.GetProperty("physicalPath").GetString() ?? "");
            }

            table.WriteTo(Console.Out);
            foreach (var app in applications)
            {
                if (app.GetProperty("lastFailure") is { ValueKind: JsonValueKind.Object } failure)
                {
                    Console.Out.WriteLine($"{app.GetProperty("name").GetString()} last failure: {failure.GetProperty("message").GetString()}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Action(string action, string description)
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = new Argument<string>("application") { Description = "The application, as site/path (e.g. Shop/api; Shop alone is the site's root application)." };
        var command = new Command(action, description) { name, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            using var response = await client.PostAsync($"/api/applications/{action}?name={Uri.EscapeDataString(parse.GetValue(name)!)}", cancellationToken);
            var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Console.Out.WriteLine($"{body.GetProperty("application").GetString()}: {body.GetProperty("status").GetString()} ({body.GetProperty("message").GetString()})");
                return ExitCodes.Success;
            }

            await AdminSession.WriteProblemAsync(body);
            return ExitCodes.ActionFailed;
        }));
        return command;
    }
}
