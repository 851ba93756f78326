using System.CommandLine;
using System.Text.Json.Nodes;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary>
/// The add, remove and set verbs shared by applications and virtual directories: an entry of a site's
/// <c>applications</c> or <c>virtualDirectories</c> named <c>site/path</c>.
/// </summary>
internal static class PathEntryCommands
{
    /// <param name="key">The site's list: applications or virtualDirectories.</param>
    /// <param name="noun">How the entry is named to people: application, virtual directory.</param>
    /// <param name="allowFarm">Whether --web-farm may replace --physical-path (applications).</param>
    public static IEnumerable<Command> Create(string key, string noun, bool allowFarm)
    {
        yield return Add(key, noun, allowFarm);
        yield return Remove(key, noun);
        yield return Set(key, noun, allowFarm);
    }

    private static Argument<string> NameArgument(string noun) =>
        new("name") { Description = $"The {noun}, as site/path (e.g. Shop/api; Shop alone is the site's root)." };

    private static Command Add(string key, string noun, bool allowFarm)
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = NameArgument(noun);
        var physicalPath = new Option<string>("--physical-path") { Description = allowFarm ? "The published app's folder." : "The folder whose files are served." };
        var farm = new Option<string>("--web-farm") { Description = "Forward to this web farm instead of running an app." };
        var command = new Command("add", $"Add an {noun} to a site.") { name, physicalPath, config };
        if (allowFarm)
        {
            command.Options.Add(farm);
        }

        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var (siteName, path) = SiteCommand.SplitName(parse.GetValue(name)!);
            var list = ConfigDocument.ArrayOf(document.Site(siteName), key);
            if (ConfigDocument.FindByPath(list, path) is not null)
            {
                throw new ConfigEditException($"site {siteName} has an {noun} at {path} already");
            }

            var entry = new JsonObject { ["path"] = path };
            Target(entry, parse.GetValue(physicalPath), allowFarm ? parse.GetValue(farm) : null, noun);
            list.Add(entry);
            return $"Added {noun} {siteName}{path}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Remove(string key, string noun)
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = NameArgument(noun);
        var command = new Command("remove", $"Remove an {noun}.") { name, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var (siteName, path) = SiteCommand.SplitName(parse.GetValue(name)!);
            var list = ConfigDocument.ArrayOf(document.Site(siteName), key);
            var entry = ConfigDocument.FindByPath(list, path) ?? throw new ConfigEditException($"site {siteName} has no {noun} at {path}");
            list.Remove(entry);
            return $"Removed {noun} {siteName}{path}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Set(string key, string noun, bool allowFarm)
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = NameArgument(noun);
        var physicalPath = new Option<string>("--physical-path") { Description = "Its new folder." };
        var farm = new Option<string>("--web-farm") { Description = "Forward to this web farm instead." };
        var command = new Command("set", $"Change an {noun}'s folder{(allowFarm ? " or web farm" : "")}.") { name, physicalPath, config };
        if (allowFarm)
        {
            command.Options.Add(farm);
        }

        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var (siteName, path) = SiteCommand.SplitName(parse.GetValue(name)!);
            var entry = ConfigDocument.FindByPath(ConfigDocument.ArrayOf(document.Site(siteName), key), path)
                ?? throw new ConfigEditException($"site {siteName} has no {noun} at {path}");
            Target(entry, parse.GetValue(physicalPath), allowFarm ? parse.GetValue(farm) : null, noun);
            return $"Changed {noun} {siteName}{path}.";
        }, cancellationToken)));
        return command;
    }

    private static void Target(JsonObject entry, string? physicalPath, string? farm, string noun)
    {
        if (physicalPath is not null && farm is not null)
        {
            throw new ConfigEditException("give --physical-path or --web-farm, not both");
        }

        if (physicalPath is not null)
        {
            entry["physicalPath"] = Path.GetFullPath(physicalPath);
            entry.Remove("webFarm");
        }
        else if (farm is not null)
        {
            entry["webFarm"] = farm;
            entry.Remove("physicalPath");
        }
        else
        {
            throw new ConfigEditException(noun == "application" ? "give --physical-path (the published app) or --web-farm" : "give --physical-path");
        }
    }
}
