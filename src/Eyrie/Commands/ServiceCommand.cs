using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Eyrie.Configuration;
using Eyrie.Service;

namespace Eyrie.Commands;

/// <summary>
/// <c>eyrie service install [--config eyrie.json] [--name eyrie] [--user U] [--group G] [--output DIR|-]
/// [--systemd-version N] [--force]</c>: writes a hardened systemd unit that runs Eyrie with a configuration.
/// </summary>
internal static partial class ServiceCommand
{
    public static Command Create()
    {
        var command = new Command("service", "Run Eyrie as a system service.");
        command.Subcommands.Add(Install());
        return command;
    }

    private static Command Install()
    {
        var config = EyrieCommandLine.ConfigOption();
        var name = new Option<string>("--name") { Description = "The unit's name (NAME.service), also its runtime folder /run/NAME.", DefaultValueFactory = _ => "eyrie" };
        var user = new Option<string?>("--user") { Description = "The account Eyrie and its applications run as (default: root, with only CAP_NET_BIND_SERVICE)." };
        var group = new Option<string?>("--group") { Description = "The group they run as (default: the user's)." };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write NAME.service to, or - for standard output.", DefaultValueFactory = _ => "/etc/systemd/system", HelpName = "folder" };
        var version = new Option<int?>("--systemd-version") { Description = "The systemd the unit is for (default: this machine's); 253 and later get Type=notify-reload.", HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Replace an existing unit file." };
        var command = new Command("install", "Write a hardened systemd unit (Type=notify) that runs `eyrie serve` with this configuration.")
        {
            config, name, user, group, output, version, force,
        };
        command.SetAction(parse => Run(
            parse.GetValue(config)!, parse.GetValue(name)!, parse.GetValue(user), parse.GetValue(group),
            parse.GetValue(output)!, parse.GetValue(version), parse.GetValue(force)));
        return command;
    }

    private static int Run(FileInfo config, string name, string? user, string? group, string output, int? systemdVersion, bool force)
    {
        if (!SafeName().IsMatch(name) || (user is not null && !SafeName().IsMatch(user)) || (group is not null && !SafeName().IsMatch(group)))
        {
            Console.Error.WriteLine("Cannot write the unit: --name, --user and --group take letters, digits, '_', '-' and '.' only.");
            return ExitCodes.ActionFailed;
        }

        // The same load as `eyrie validate`: a unit is only written for a configuration Eyrie would start with.
        if (!config.Exists)
        {
            Console.Error.WriteLine($"Cannot write the unit: {config.FullName} does not exist.");
            return ExitCodes.ConfigurationError;
        }

        var result = EyrieConfigLoader.TryLoad(config.FullName);
        if (result.Config is not { } loaded)
        {
            Console.Error.WriteLine($"Cannot write the unit: {config.FullName} is not valid.");
            DiagnosticWriter.Write(Console.Error, result.Diagnostics);
            DiagnosticWriter.WriteSummary(Console.Error, result.Diagnostics);
            return ExitCodes.ConfigurationError;
        }

        var detected = systemdVersion ?? SystemdVersion.Detect();
        var home = UserAccounts.Home(user ?? "root");
        var settings = ServiceUnitFactory.Create(loaded, name, EyrieExecutable.Command(), detected ?? ServiceUnitSettings.DefaultVersion,
            user, group, EyrieExecutable.DotnetFolderOutsideDefaultPath(), home);
        var text = SystemdUnit.Render(settings);
        if (output == "-")
        {
            Console.Out.Write(text);
            return ExitCodes.Success;
        }

        var file = Path.Combine(Path.GetFullPath(output), name + ".service");
        if (File.Exists(file) && !force)
        {
            Console.Error.WriteLine($"Cannot write the unit: {file} exists; pass --force to replace it.");
            return ExitCodes.ActionFailed;
        }

        try
        {
            File.WriteAllText(file, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot write the unit: {ex.Message}");
            return ExitCodes.ActionFailed;
        }

        var type = settings.SystemdVersion >= ServiceUnitSettings.NotifyReloadVersion ? "Type=notify-reload" : "Type=notify, reload by SIGHUP";
        Console.Out.WriteLine($"Wrote {file} ({type}; for systemd {settings.SystemdVersion.ToString(CultureInfo.InvariantCulture)}{(detected is null ? ", assumed: systemctl did not say" : "")}).");
        Console.Out.WriteLine($"It runs: {string.Join(' ', settings.ExecStart)}");
        if (user is null)
        {
            Console.Out.WriteLine("It runs as root, without any capability but CAP_NET_BIND_SERVICE; --user names another account.");
        }
        else if (home is null)
        {
            Console.Out.WriteLine($"The user '{user}' is not in /etc/passwd: create it before starting the service.");
        }

        Console.Out.WriteLine("Writable: " + string.Join(' ', settings.ReadWritePaths) + " (the rest of the file system is read-only).");
        Console.Out.WriteLine("Next:");
        Console.Out.WriteLine("  systemctl daemon-reload");
        Console.Out.WriteLine($"  systemctl enable --now {name}");
        Console.Out.WriteLine($"Then `systemctl reload {name}` reloads eyrie.json, `systemctl status {name}` shows what Eyrie serves, `journalctl -u {name} -f` follows its log.");
        return ExitCodes.Success;
    }

    /// <summary>A unit or account name that needs no escaping in a unit file or a path.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex SafeName();
}
