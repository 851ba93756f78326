using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.WebConfig;

/// <summary>
/// The effective ASP.NET Core Module settings of an application: IIS defaults, overlaid by the app's
/// web.config <c>&lt;aspNetCore&gt;</c> element, overlaid by eyrie.json's <c>aspNetCore</c> block.
/// Paths and arguments are kept as written; they are expanded and normalised when a worker starts.
/// </summary>
public sealed record AspNetCoreSettings
{
    /// <summary>The program to start (required after all layers are applied).</summary>
    public string ProcessPath { get; init; } = "";

    public string Arguments { get; init; } = "";

    public ConfigMap EnvironmentVariables { get; init; } = ConfigMap.Empty;

    public bool StdoutLogEnabled { get; init; }

    /// <summary>IIS schema default: <c>.\aspnetcore-stdout</c>.</summary>
    public string StdoutLogFile { get; init; } = @".\aspnetcore-stdout";

    public TimeSpan StartupTimeLimit { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan ShutdownTimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    public int RapidFailsPerMinute { get; init; } = 10;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public int ProcessesPerApplication { get; init; } = 1;

    public HostingModel HostingModel { get; init; } = HostingModel.OutOfProcess;

    public bool DisableStartUpErrorPage { get; init; }

    public ConfigMap HandlerSettings { get; init; } = ConfigMap.Empty;

    /// <summary>Files (relative to the app folder) whose change restarts the app.</summary>
    public ConfigList<string> RecycleOnFileChange { get; init; } = [];

    /// <summary>Where the <c>&lt;aspNetCore&gt;</c> element was written, for messages about it.</summary>
    public SourceLocation Origin { get; init; }

    /// <summary>handlerSettings enableOutOfProcessConsoleRedirection: anything but "false" keeps capture on.</summary>
    public bool ConsoleRedirectionEnabled => !IsHandlerSetting(HandlerSettingNames.EnableOutOfProcessConsoleRedirection, "false");

    /// <summary>handlerSettings forwardResponseConnectionHeader: "true" passes the backend's Connection header on.</summary>
    public bool ForwardResponseConnectionHeader => IsHandlerSetting(HandlerSettingNames.ForwardResponseConnectionHeader, "true");

    /// <summary>handlerSettings disallowRotationOnConfigChange: "true" keeps workers when web.config changes.</summary>
    public bool DisallowRotationOnConfigChange => IsHandlerSetting(HandlerSettingNames.DisallowRotationOnConfigChange, "true");

    /// <summary>Overlays the eyrie.json overrides: every value given there wins.</summary>
    public AspNetCoreSettings WithOverrides(AspNetCoreConfig? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        return this with
        {
            ProcessPath = overrides.ProcessPath ?? ProcessPath,
            Arguments = overrides.Arguments ?? Arguments,
            EnvironmentVariables = overrides.EnvironmentVariables is { } env ? EnvironmentVariables.With(env) : EnvironmentVariables,
            StdoutLogEnabled = overrides.StdoutLogEnabled ?? StdoutLogEnabled,
            StdoutLogFile = overrides.StdoutLogFile ?? StdoutLogFile,
            StartupTimeLimit = overrides.StartupTimeLimit is { } startup ? TimeSpan.FromSeconds(startup) : StartupTimeLimit,
            ShutdownTimeLimit = overrides.ShutdownTimeLimit is { } shutdown ? TimeSpan.FromSeconds(shutdown) : ShutdownTimeLimit,
            RapidFailsPerMinute = overrides.RapidFailsPerMinute ?? RapidFailsPerMinute,
            RequestTimeout = overrides.RequestTimeout ?? RequestTimeout,
            ProcessesPerApplication = overrides.ProcessesPerApplication ?? ProcessesPerApplication,
            HostingModel = overrides.HostingModel ?? HostingModel,
            DisableStartUpErrorPage = overrides.DisableStartUpErrorPage ?? DisableStartUpErrorPage,
            HandlerSettings = overrides.HandlerSettings is { } handler ? HandlerSettings.With(handler) : HandlerSettings,
        };
    }

    private bool IsHandlerSetting(string name, string value) =>
        HandlerSettings.TryGetValue(name, out var actual) && string.Equals(actual.Trim(), value, StringComparison.OrdinalIgnoreCase);
}
