using System.CommandLine;
using System.Text.Json.Nodes;
using Eyrie.Admin;

namespace Eyrie.Commands;

/// <summary><c>eyrie binding list|add|remove|set</c>: a site's bindings in appcmd's notation, <c>http/*:80:shop.example</c>.</summary>
internal static class BindingCommand
{
    public static Command Create()
    {
        var command = new Command("binding", "List, add, remove or change the bindings of the running Eyrie's sites.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Set());
        return command;
    }

    private static Argument<string> SiteArgument() => new("site") { Description = "The site." };

    private static Argument<string> BindingArgument(string description) => new("binding") { Description = description, HelpName = "protocol/address:port:host" };

    private static Command List()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = EyrieCommandLine.JsonOption();
        var site = new Argument<string?>("site") { Description = "Only this site's bindings.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List the bindings and whether they listen.") { site, config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            if (await AdminSession.GetJsonAsync(client, "/api/status", cancellationToken) is not { } status)
            {
                return ExitCodes.ActionFailed;
            }

            var only = parse.GetValue(site);
            var rows = status.GetProperty("sites").EnumerateArray()
                .Where(s => only is null || string.Equals(s.GetProperty("name").GetString(), only, StringComparison.OrdinalIgnoreCase))
                .SelectMany(s => s.GetProperty("bindings").EnumerateArray().Select(b => (Site: s.GetProperty("name").GetString()!, Binding: b)))
                .ToList();
            if (parse.GetValue(json))
            {
                AdminSession.WriteJson(System.Text.Json.JsonSerializer.SerializeToElement(rows.Select(r => new { site = r.Site, binding = r.Binding })));
                return ExitCodes.Success;
            }

            var table = new TableWriter("SITE", "BINDING", "LISTENING");
            foreach (var (name, binding) in rows)
            {
                table.Add(name, binding.GetProperty("binding").GetString()!, binding.GetProperty("listening").GetBoolean() ? $"yes, port {binding.GetProperty("boundPort").GetInt32()}" : "no");
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Add()
    {
        var config = EyrieCommandLine.ConfigOption();
        var site = SiteArgument();
        var binding = BindingArgument("The binding to add, e.g. https/*:443:shop.example.");
        var certificate = new Option<string>("--certificate") { Description = "For https: the certificate file (PEM or PFX)." };
        var key = new Option<string>("--key") { Description = "For https with a PEM certificate: its private key file." };
        var command = new Command("add", "Add a binding to a site.") { site, binding, certificate, key, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var target = document.Site(parse.GetValue(site)!);
            var added = BindingNotation.Parse(parse.GetValue(binding)!);
            var bindings = ConfigDocument.ArrayOf(target, "bindings");
            if (Find(bindings, BindingNotation.Of(added)) is not null)
            {
                throw new ConfigEditException($"site {ConfigDocument.NameOf(target)} has the binding {BindingNotation.Of(added)} already");
            }

            Certificate(added, parse.GetValue(certificate), parse.GetValue(key));
            bindings.Add(added);
            return $"Added binding {BindingNotation.Of(added)} to site {ConfigDocument.NameOf(target)}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Remove()
    {
        var config = EyrieCommandLine.ConfigOption();
        var site = SiteArgument();
        var binding = BindingArgument("The binding to remove.");
        var command = new Command("remove", "Remove a binding from a site.") { site, binding, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var target = document.Site(parse.GetValue(site)!);
            var bindings = ConfigDocument.ArrayOf(target, "bindings");
            var notation = BindingNotation.Of(BindingNotation.Parse(parse.GetValue(binding)!));
            var found = Find(bindings, notation) ?? throw new ConfigEditException($"site {ConfigDocument.NameOf(target)} has no binding {notation}; it has: {string.Join(", ", bindings.OfType<JsonObject>().Select(BindingNotation.Of))}");
            bindings.Remove(found);
            return $"Removed binding {notation} from site {ConfigDocument.NameOf(target)}.";
        }, cancellationToken)));
        return command;
    }

    private static Command Set()
    {
        var config = EyrieCommandLine.ConfigOption();
        var site = SiteArgument();
        var binding = BindingArgument("The binding to change.");
        var to = new Option<string>("--to") { Description = "Its new address, port or host, as a whole binding.", HelpName = "protocol/address:port:host" };
        var certificate = new Option<string>("--certificate") { Description = "Its new certificate file (PEM or PFX)." };
        var key = new Option<string>("--key") { Description = "The new certificate's private key file (PEM)." };
        var command = new Command("set", "Change a binding: where it listens, or its certificate.") { site, binding, to, certificate, key, config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, client => AdminSession.EditConfigAsync(client, document =>
        {
            var target = document.Site(parse.GetValue(site)!);
            var bindings = ConfigDocument.ArrayOf(target, "bindings");
            var notation = BindingNotation.Of(BindingNotation.Parse(parse.GetValue(binding)!));
            var found = Find(bindings, notation) ?? throw new ConfigEditException($"site {ConfigDocument.NameOf(target)} has no binding {notation}");
            if (parse.GetValue(to) is { } replacement)
            {
                var parsed = BindingNotation.Parse(replacement);
                if (!parsed.ContainsKey("host"))
                {
                    found.Remove("host");
                }

                foreach (var (name, value) in parsed.ToList())
                {
                    found[name] = value?.DeepClone();
                }
            }

            Certificate(found, parse.GetValue(certificate), parse.GetValue(key));
            return $"Changed binding {notation} of site {ConfigDocument.NameOf(target)} to {BindingNotation.Of(found)}.";
        }, cancellationToken)));
        return command;
    }

    private static JsonObject? Find(JsonArray bindings, string notation) =>
        bindings.OfType<JsonObject>().FirstOrDefault(b => string.Equals(BindingNotation.Of(b), notation, StringComparison.OrdinalIgnoreCase));

    private static void Certificate(JsonObject binding, string? certificate, string? key)
    {
        if (certificate is null)
        {
            return;
        }

        var entry = new JsonObject { ["path"] = Path.GetFullPath(certificate) };
        if (key is not null)
        {
            entry["keyPath"] = Path.GetFullPath(key);
        }

        binding["certificate"] = entry;
    }
}
