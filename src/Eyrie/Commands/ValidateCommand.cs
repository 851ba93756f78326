using System.CommandLine;
using Eyrie.Configuration;

namespace Eyrie.Commands;

/// <summary><c>eyrie validate [--config eyrie.json]</c>: checks a configuration and every web.config it refers to.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("validate", "Check a configuration file and the web.config of every application; list every error with file, line and key.") { config };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(config)!;
            var result = EyrieConfigLoader.TryLoad(file.FullName);
            DiagnosticWriter.Write(result.Succeeded ? Console.Out : Console.Error, result.Diagnostics);
            if (result.Config is not { } loaded)
            {
                DiagnosticWriter.WriteSummary(Console.Error, result.Diagnostics);
                return ExitCodes.ConfigurationError;
            }

            var applications = loaded.Config.Sites.Sum(s => s.Applications.Count);
            Console.Out.WriteLine($"{file.FullName} is valid: {loaded.Config.Sites.Count} site(s), {applications} application(s), {loaded.Warnings.Count} warning(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
