using Eyrie.Configuration;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Server.Hosting;
using Eyrie.Server.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Eyrie.Commands;

/// <summary>Builds and runs the server for <c>serve</c> and <c>host</c>.</summary>
internal static class ServerRunner
{
    public static async Task<int> RunAsync(ConfigLoadResult result, CancellationToken cancellationToken)
    {
        if (result.Config is not { } loaded)
        {
            await Console.Error.WriteLineAsync("Eyrie cannot start: the configuration is not valid.");
            DiagnosticWriter.Write(Console.Error, result.Diagnostics);
            DiagnosticWriter.WriteSummary(Console.Error, result.Diagnostics);
            return ExitCodes.ConfigurationError;
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            var systemd = SystemdEnvironment.IsService();
            app = EyrieApplication.Build(loaded, new EyrieApplicationOptions
            {
                ConfigureLogging = logging => ConfigureConsole(logging, systemd),
                UnderSystemd = systemd,
            });
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync("Eyrie cannot start: " + ex.Message);
            return ExitCodes.ConfigurationError;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (ConfigurationException ex)
            {
                await Console.Error.WriteLineAsync("Eyrie cannot start:");
                DiagnosticWriter.Write(Console.Error, ex.Diagnostics);
                await app.StopAsync(CancellationToken.None);
                return ExitCodes.ConfigurationError;
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
        }

        return ExitCodes.Success;
    }

    private static void ConfigureConsole(ILoggingBuilder logging, bool systemd)
    {
        if (systemd)
        {
            // journald's format: one line per entry with a <N> syslog priority prefix, no colours, and no
            // timestamp (journald stamps each line itself).
            logging.AddSystemdConsole(options => options.TimestampFormat = null);
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.TimestampFormat = "HH:mm:ss ";
                options.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging.AddFilter("Yarp", LogLevel.Warning);

        // Each forwarding failure is logged once, by WorkerForwarder, with Eyrie's reason and without a stack trace.
        logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.None);
    }
}
