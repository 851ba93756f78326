using System.CommandLine;
using Eyrie.Configuration;

namespace Eyrie.Commands;

/// <summary><c>eyrie serve [--config eyrie.json]</c>: runs the server.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("serve", "Run Eyrie with the sites and applications of a configuration file.") { config };
        command.SetAction((parse, cancellationToken) =>
            ServerRunner.RunAsync(EyrieConfigLoader.TryLoad(parse.GetValue(config)!.FullName), cancellationToken));
        return command;
    }
}
