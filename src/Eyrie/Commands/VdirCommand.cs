using System.CommandLine;

namespace Eyrie.Commands;

/// <summary><c>eyrie vdir list|add|remove|set</c>: the virtual directories (static folders) of the running Eyrie's sites.</summary>
internal static class VdirCommand
{
    public static Command Create()
    {
        var command = new Command("vdir", "List, add, remove or change the virtual directories (static files) of the running Eyrie.");
        command.Subcommands.Add(List());
        foreach (var verb in PathEntryCommands.Create("virtualDirectories", "virtual directory", allowFarm: false))
        {
            command.Subcommands.Add(verb);
        }

        return command;
    }

    private static Command List()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = EyrieCommandLine.JsonOption();
        var command = new Command("list", "List the virtual directories and their traffic.") { config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            if (await AdminSession.GetJsonAsync(client, "/api/status", cancellationToken) is not { } status)
            {
                return ExitCodes.ActionFailed;
            }

            var rows = status.GetProperty("sites").EnumerateArray()
                .SelectMany(s => s.GetProperty("virtualDirectories").EnumerateArray().Select(v => (Site: s.GetProperty("name").GetString()!, Directory: v)))
                .ToList();
            if (parse.GetValue(json))
            {
                AdminSession.WriteJson(System.Text.Json.JsonSerializer.SerializeToElement(rows.Select(r => new { site = r.Site, virtualDirectory = r.Directory })));
                return ExitCodes.Success;
            }

            var table = new TableWriter("VIRTUAL DIRECTORY", "PHYSICAL PATH", "REQUESTS");
            foreach (var (site, directory) in rows)
            {
                table.Add(site + directory.GetProperty("path").GetString(), directory.GetProperty("physicalPath").GetString()!, directory.GetProperty("requests").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}
