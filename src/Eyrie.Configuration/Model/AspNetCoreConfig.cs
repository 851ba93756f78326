using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>
/// Overrides for the app's web.config <c>&lt;aspNetCore&gt;</c> element, with the same names and units.
/// Anything left out keeps the web.config value, or the IIS default.
/// </summary>
public sealed record AspNetCoreConfig
{
    [Description("The program to start: dotnet, or the app's own executable. Relative paths are relative to the app folder.")]
    public string? ProcessPath { get; init; }

    [Description("The command-line arguments, e.g. ./MyApp.dll.")]
    public string? Arguments { get; init; }

    [Description("Environment variables for the app; they win over web.config's of the same name.")]
    public ConfigMap? EnvironmentVariables { get; init; }

    [Description("Write the app's stdout and stderr to files named <stdoutLogFile>_<yyyyMMddHHmmss>_<pid>.log.")]
    public bool? StdoutLogEnabled { get; init; }

    [Description("The stdout log path prefix, relative to the app folder (default ./aspnetcore-stdout).")]
    public string? StdoutLogFile { get; init; }

    [Description("Seconds the app has to start listening (default 120).")]
    [Range(0, 3600)]
    public int? StartupTimeLimit { get; init; }

    [Description("Seconds the app has to stop gracefully before it is killed (default 10).")]
    [Range(0, 600)]
    public int? ShutdownTimeLimit { get; init; }

    [Description("Failures allowed per minute before Eyrie stops starting the app until the minute is over (default 10).")]
    [Range(0, 100)]
    public int? RapidFailsPerMinute { get; init; }

    [Description("How long a forwarded request may be silent (no bytes either way) before it fails with 502.3, as hh:mm:ss (default 00:02:00).")]
    [Range(typeof(TimeSpan), "00:00:00", "15.00:00:00")]
    public TimeSpan? RequestTimeout { get; init; }

    [Description("How many worker processes serve the app (default 1).")]
    [Range(1, 100)]
    public int? ProcessesPerApplication { get; init; }

    [Description("inProcess or outOfProcess. Eyrie always runs the app out of process.")]
    public HostingModel? HostingModel { get; init; }

    [Description("Send error statuses (502.5, …) without Eyrie's error page body.")]
    public bool? DisableStartUpErrorPage { get; init; }

    [Description("ANCM handler settings, e.g. enableOutOfProcessConsoleRedirection.")]
    public ConfigMap? HandlerSettings { get; init; }
}
