using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie app list|recycle|start|stop [site/path]</c>: the applications of the running Eyrie, as IIS's
/// application pools are managed (recycle overlapped; start clears rapid-fail protection; stop answers 503).
/// </summary>
internal static class AppCommand
{
    public static Command Create()
    {
        var command = new Command("app", "Show or act on the applications of the running Eyrie.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Action("recycle", "Replace the application's workers, overlapped: the old ones serve until the new ones are ready."));
        command.Subcommands.Add(Action("start", "Start the application's pool (after rapid-fail protection or a stop)."));
        command.Subcommands.Add(Action("stop", "Stop the application's workers; requests get 503 until it is started."));
        return command;
    }

    private static Command List()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("list", "List the applications, their state and their workers.") { config };
        command.SetAction((parse, cancellationToken) => WithClientAsync(parse.GetValue(config)!, async client =>
        {
            using var response = await client.GetAsync("/api/applications", cancellationToken);
            var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
            foreach (var pool in body.EnumerateArray())
            {
                Console.Out.WriteLine($"{pool.GetProperty("application").GetString()}  {pool.GetProperty("state").GetString()}  generation {pool.GetProperty("generation").GetInt32()}");
                foreach (var worker in pool.GetProperty("workers").EnumerateArray())
                {
                    Console.Out.WriteLine($"  worker {worker.GetProperty("id").GetInt32()}  pid {worker.GetProperty("processId").GetInt32()}  port {worker.GetProperty("port").GetInt32()}  {worker.GetProperty("state").GetString()}  {worker.GetProperty("requests").GetInt64()} requests  {Kb(worker, "residentKb")}");
                }

                if (pool.TryGetProperty("lastFailure", out var failure) && failure.ValueKind == JsonValueKind.Object)
                {
                    Console.Out.WriteLine($"  last failure: {failure.GetProperty("message").GetString()}");
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
        command.SetAction((parse, cancellationToken) => WithClientAsync(parse.GetValue(config)!, async client =>
        {
            using var response = await client.PostAsync($"/api/applications/{action}?name={Uri.EscapeDataString(parse.GetValue(name)!)}", cancellationToken);
            var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Console.Out.WriteLine($"{body.GetProperty("application").GetString()}: {body.GetProperty("status").GetString()} ({body.GetProperty("message").GetString()})");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"{body.GetProperty("title").GetString()}: {body.GetProperty("detail").GetString()}");
            return ExitCodes.ActionFailed;
        }));
        return command;
    }

    private static async Task<int> WithClientAsync(FileInfo config, Func<AdminClient, Task<int>> action)
    {
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
    }

    private static string Kb(JsonElement worker, string property) =>
        worker.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? $"{value.GetInt64() / 1024} MiB" : "";
}
