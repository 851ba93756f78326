using System.CommandLine;
using System.Net.Sockets;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary><c>eyrie reload [--config eyrie.json]</c>: makes the running Eyrie reload its configuration.</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("reload", "Reload the configuration of the running Eyrie (as SIGHUP does); print every error if it is rejected.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = AdminClient.ForConfig(parse.GetValue(config)!, out var notRunning);
            if (client is null)
            {
                await Console.Error.WriteLineAsync(notRunning);
                return ExitCodes.NotRunning;
            }

            try
            {
                using var response = await client.PostAsync("/api/reload", cancellationToken);
                var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Console.Out.WriteLine("Configuration reloaded.");
                    WriteDiagnostics(Console.Out, body, "warnings");
                    return ExitCodes.Success;
                }

                await Console.Error.WriteLineAsync($"Reload rejected: {body.GetProperty("detail").GetString()}");
                WriteDiagnostics(Console.Error, body, "diagnostics");
                return ExitCodes.ConfigurationError;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException)
            {
                await Console.Error.WriteLineAsync($"Eyrie is not running (its admin socket {client.SocketPath} does not answer)");
                return ExitCodes.NotRunning;
            }
        });
        return command;
    }

    private static void WriteDiagnostics(TextWriter writer, System.Text.Json.JsonElement body, string property)
    {
        if (body.TryGetProperty(property, out var list))
        {
            foreach (var diagnostic in list.EnumerateArray())
            {
                writer.WriteLine(diagnostic.GetProperty("text").GetString());
            }
        }
    }
}
