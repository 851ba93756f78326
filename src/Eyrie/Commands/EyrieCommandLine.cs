using System.CommandLine;

namespace Eyrie.Commands;

/// <summary>The command tree of <c>eyrie</c>.</summary>
internal static class EyrieCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Eyrie: the front end and process manager for ASP.NET Core apps. It hosts the output of `dotnet publish` as IIS and the ASP.NET Core Module do.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(HostCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ReloadCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(SiteCommand.Create());
        root.Subcommands.Add(AppCommand.Create());
        root.Subcommands.Add(VdirCommand.Create());
        root.Subcommands.Add(BindingCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(DashboardCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(ImportIisCommand.Create());
        root.Subcommands.Add(ServiceCommand.Create());
        return root;
    }

    /// <summary>The --json option of the commands that print what they list.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON (for scripts) instead of a table." };

    /// <summary>The --config option every command that reads eyrie.json shares.</summary>
    public static Option<FileInfo> ConfigOption() => new("--config", "-c")
    {
        Description = "The configuration file.",
        DefaultValueFactory = _ => new FileInfo("eyrie.json"),
        HelpName = "eyrie.json",
    };
}
