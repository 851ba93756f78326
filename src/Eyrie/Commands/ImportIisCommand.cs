using System.CommandLine;
using Eyrie.Configuration.Import;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie import-iis &lt;applicationHost.config&gt; [--out eyrie.json] [--path-map WIN=PATH]... [--force]</c>: moves an IIS
/// server's sites, bindings, applications, pools and security sections to eyrie.json, reporting line by line.
/// </summary>
internal static class ImportIisCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("applicationHost.config")
        {
            Description = "IIS's configuration file (%windir%\\System32\\inetsrv\\config\\applicationHost.config), copied from the server.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The eyrie.json to write; an existing file is kept unless --force.",
            DefaultValueFactory = _ => "eyrie.json",
            HelpName = "eyrie.json",
        };
        var pathMaps = new Option<string[]>("--path-map")
        {
            Description = "Map a Windows folder prefix to a Linux folder, e.g. 'C:\\inetpub\\wwwroot=/srv/www' (repeatable; the longest match wins; a relative target is relative to eyrie.json).",
            HelpName = "WIN=PATH",
            DefaultValueFactory = _ => [],
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var command = new Command("import-iis", "Import an IIS server's applicationHost.config into eyrie.json, and report what was mapped, changed and skipped, line by line.")
        {
            input, output, pathMaps, force,
        };
        command.SetAction(parse => IisImportRunner.Run(
            parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(pathMaps) ?? [], parse.GetValue(force), Console.Out, Console.Error));
        return command;
    }
}
