using Eyrie.Configuration;
using Eyrie.Configuration.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Eyrie.Commands;

/// <summary>Builds and runs the server host for <c>serve</c> and <c>host</c>.</summary>
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

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, ContentRootPath = loaded.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.TimestampFormat = "HH:mm:ss ";
            options.ColorBehavior = LoggerColorBehavior.Default;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Services.AddEyrie(loaded);

        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("Eyrie cannot start:");
            DiagnosticWriter.Write(Console.Error, ex.Diagnostics);
            await host.StopAsync(CancellationToken.None);
            return ExitCodes.ConfigurationError;
        }

        await host.WaitForShutdownAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
