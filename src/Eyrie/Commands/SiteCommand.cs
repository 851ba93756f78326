using System.CommandLine;
using System.Text.Json.Nodes;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie site list|add|remove|set</c>, as appcmd's site verbs: the sites of the running Eyrie, changed
/// through its admin API (validated, applied, then written to eyrie.json).
/// </summary>
internal static class SiteCommand
{
    public static Command Create()
    {
        var command = new Command("site", "List, add, remove or change the sites of the running Eyrie.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Set());
        return command;
    }

    public static Option<string[]> BindingOption(string description) => new("--binding", "-b")
    {
        Description = description,
        HelpName = "protocol/address:port:host",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command List()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = EyrieCommandLine.JsonOption();
        var command = new Command("list", "List the sites with their bindings, applications and virtual directories.") { config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            if (await AdminSession.GetJsonAsync(client, "/api/status", cancellationToken) is not { } status)
            {
                return ExitCodes.ActionFailed;
            }

            var sites = status.GetProperty("sites");
            if (parse.GetValue(json))
            {
                AdminSession.WriteJson(sites);
                return ExitCodes.Success;
            }

            var table = new TableWriter("SITE", "BINDINGS", "APPLICATIONS", "VIRTUAL DIRECTORIES");
            foreach (var site in sites.EnumerateArray())
            {
                table.Add(
                    site.GetProperty("name").GetString()!,
                    string.Join(",", site.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("binding").GetString())),
                    string.Join(",", site.GetProperty("applications").EnumerateArray().Select(a => $"{a.GetProperty("path").GetString()} ({a.GetProperty("state").GetString()})")),
                    string.Join(",", site.GetProperty("virtualDirectories").EnumerateArray().Select(v => v.GetProperty("path").GetString())));
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Add()
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = new Argument<string>("name") { Description = "The new site's name." };
        var bindings = BindingOption("Where the site listens (repeat for several), e.g. http/*:80:shop.example.");
        bindings.Required = true;
        var physicalPath = new Option<string>("--physical-path") { Description = "The published app served at the site's root (or, with --static, the folder of its files)." };
        var isStatic = new Option<bool>("--static") { Description = "Serve --physical-path as static files (a virtual directory) instead of running it as an app." };
        var command = new Command("add", "Add a site.") { name, bindings, physicalPath, isStatic, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var siteName = parse.GetValue(name)!;
            if (document.FindSite(siteName) is not null)
            {
                throw new ConfigEditException($"a site named '{siteName}' exists already");
            }

            var site = new JsonObject { ["name"] = siteName, ["bindings"] = new JsonArray([.. parse.GetValue(bindings)!.Select(BindingNotation.Parse)]) };
            if (parse.GetValue(physicalPath) is { } folder)
            {
                site[parse.GetValue(isStatic) ? "virtualDirectories" : "applications"] = new JsonArray(new JsonObject { ["path"] = "/", ["physicalPath"] = Path.GetFullPath(folder) });
            }

            document.Sites.Add(site);
            return $"Added site {siteName}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Remove()
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = new Argument<string>("name") { Description = "The site to remove; its workers stop once their requests are done." };
        var command = new Command("remove", "Remove a site.") { name, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var site = document.Site(parse.GetValue(name)!);
            document.Sites.Remove(site);
            return $"Removed site {ConfigDocument.NameOf(site)}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Set()
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = new Argument<string>("name") { Description = "The site to change." };
        var newName = new Option<string>("--name") { Description = "A new name for the site." };
        var bindings = BindingOption("Replace the site's bindings with these (repeat for several).");
        var command = new Command("set", "Rename a site or replace its bindings.") { name, newName, bindings, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var site = document.Site(parse.GetValue(name)!);
            if (parse.GetValue(newName) is { } renamed)
            {
                site["name"] = renamed;
            }

            if (parse.GetValue(bindings) is { Length: > 0 } replaced)
            {
                site["bindings"] = new JsonArray([.. replaced.Select(BindingNotation.Parse)]);
            }

            return $"Changed site {ConfigDocument.NameOf(site)}.";
        }, cancellationToken)));
        return command;
    }

    /// <summary>Splits <c>site/path</c> into the site and the path (<c>/</c> when there is none).</summary>
    public static (string Site, string Path) SplitName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (name, "/") : (name[..slash], ConfigDocument.NormalizePath(name[slash..]));
    }

}
