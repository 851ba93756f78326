using System.CommandLine;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary><c>eyrie reload [--config eyrie.json]</c>: makes the running Eyrie reload its configuration.</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("reload", "Reload the configuration of the running Eyrie (as SIGHUP does); print every error if it is rejected.") { config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            using var response = await client.PostAsync("/api/reload", cancellationToken);
            var body = await AdminClient.ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Console.Out.WriteLine("Configuration reloaded.");
                AdminSession.WriteDiagnostics(Console.Out, body, "warnings");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"Reload rejected: {body.GetProperty("detail").GetString()}");
            AdminSession.WriteDiagnostics(Console.Error, body, "diagnostics");
            return ExitCodes.ConfigurationError;
        }));
        return command;
    }
}
