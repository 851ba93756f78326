using System.Globalization;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Pools;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Turns an application's effective settings into a <see cref="WorkerLaunchPlan"/>, as ANCM's server
/// process does (iis-ancm.md §2.2–§2.4): expansion of <c>%VAR%</c>, Windows paths normalised, program
/// resolved, and the worker environment built with its precedence rules and the ANCM variables.
/// </summary>
public static class WorkerLaunchPlanner
{
    /// <param name="application">The application.</param>
    /// <param name="settings">Its effective settings.</param>
    /// <param name="baseEnvironment">Eyrie's own environment, which workers inherit.</param>
    /// <param name="reservePort">Reserves a free port; returns null if none was found.</param>
    /// <exception cref="WorkerLaunchException">The worker cannot be started as configured.</exception>
    public static WorkerLaunchPlan Plan(ApplicationDefinition application, AspNetCoreSettings settings, IReadOnlyDictionary<string, string> baseEnvironment, Func<int?> reservePort)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseEnvironment);
        ArgumentNullException.ThrowIfNull(reservePort);

        // ANCM_LAUNCHER_PATH/ARGS in the inherited environment override web.config (used by Visual Studio).
        var processPath = EnvironmentExpander.Get(baseEnvironment, AncmVariables.LauncherPath) is { Length: > 0 } launcher ? launcher : settings.ProcessPath;
        var arguments = EnvironmentExpander.Get(baseEnvironment, AncmVariables.LauncherArgs) is { Length: > 0 } launcherArgs ? launcherArgs : settings.Arguments;
        processPath = WindowsPath.Normalize(EnvironmentExpander.Expand(processPath, baseEnvironment));
        arguments = EnvironmentExpander.Expand(arguments, baseEnvironment);

        var configured = settings.EnvironmentVariables.ToDictionary(
            e => e.Key, e => EnvironmentExpander.Expand(e.Value, baseEnvironment), StringComparer.OrdinalIgnoreCase);
        var fixedPort = ReadFixedPort(configured);
        var port = fixedPort ?? reservePort() ?? throw new WorkerLaunchException(
            $"no free port was found in {PortAllocator.MinRandomPort}-{PortAllocator.MaxPort} after ten tries");
        var token = configured.TryGetValue(AncmVariables.Token, out var configuredToken) && configuredToken.Length > 0
            ? configuredToken
            : Guid.NewGuid().ToString();

        var environment = BuildEnvironment(application, baseEnvironment, configured, port, token);
        var executable = ExecutableResolver.Resolve(processPath, application.PhysicalPath, environment);
        var argumentList = executable.PrefixArguments
            .Concat(WindowsCommandLine.Split(arguments).Select(a => WindowsPath.NormalizeArgument(a, application.PhysicalPath)))
            .ToList();

        return new WorkerLaunchPlan(executable.FileName, argumentList, application.PhysicalPath, environment, port, fixedPort is not null, token, executable.Note);
    }

    private static readonly string[] ServiceManagerVariables = ["NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC"];

    private static Dictionary<string, string> BuildEnvironment(
        ApplicationDefinition application,
        IReadOnlyDictionary<string, string> inherited,
        Dictionary<string, string> configured,
        int port,
        string token)
    {
        var environment = new Dictionary<string, string>(inherited, StringComparer.Ordinal);

        // The service manager's notification and watchdog variables address Eyrie alone. A worker that
        // inherited NOTIFY_SOCKET and uses UseSystemd would report READY=1 or STOPPING=1 for Eyrie's unit.
        foreach (var name in ServiceManagerVariables)
        {
            environment.Remove(name);
        }

        // web.config wins over inherited variables, unless ANCM_PREFER_ENVIRONMENT_VARIABLES flips it.
        // Names compare case-insensitively, as on Windows, so a web.config name replaces any spelling of it.
        var preferInherited = EnvironmentExpander.Get(inherited, AncmVariables.PreferEnvironmentVariables) is { } prefer &&
                              (prefer == "1" || prefer.Equals("true", StringComparison.OrdinalIgnoreCase));
        foreach (var (name, value) in configured)
        {
            if (preferInherited && EnvironmentExpander.Get(environment, name) is not null)
            {
                continue;
            }

            Set(environment, name, value);
        }

        // The ANCM variables (iis-ancm.md §2.3) are laid over the result.
        Set(environment, AncmVariables.Port, port.ToString(CultureInfo.InvariantCulture));
        Set(environment, AncmVariables.ApplicationPath, application.VirtualPath);
        Set(environment, AncmVariables.Token, token);
        Set(environment, AncmVariables.HttpAuth, AncmVariables.AnonymousAuth);
        Set(environment, AncmVariables.WebSocketsSupported, "true");
        Set(environment, AncmVariables.PhysicalPath, Path.TrimEndingDirectorySeparator(application.PhysicalPath) + Path.DirectorySeparatorChar);
        if (application.HttpsPort is { } httpsPort && EnvironmentExpander.Get(environment, AncmVariables.HttpsPort) is null)
        {
            Set(environment, AncmVariables.HttpsPort, httpsPort.ToString(CultureInfo.InvariantCulture));
        }

        if (!configured.ContainsKey(AncmVariables.HostingStartupAssemblies))
        {
            var existing = EnvironmentExpander.Get(inherited, AncmVariables.HostingStartupAssemblies);
            Set(environment, AncmVariables.HostingStartupAssemblies, string.IsNullOrEmpty(existing)
                ? AncmVariables.IisIntegrationAssembly
                : existing.TrimEnd(';') + ";" + AncmVariables.IisIntegrationAssembly);
        }

        return environment;
    }

    private static int? ReadFixedPort(Dictionary<string, string> configured)
    {
        if (!configured.TryGetValue(AncmVariables.Port, out var text) || text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= PortAllocator.MinFixedPort && port <= PortAllocator.MaxPort)
        {
            return port;
        }

        throw new WorkerLaunchException(
            $"failed to choose listen port: ASPNETCORE_PORT '{text}' must be between {PortAllocator.MinFixedPort} and {PortAllocator.MaxPort}. If environment variable 'ASPNETCORE_PORT' was set, try removing it");
    }

    private static void Set(Dictionary<string, string> environment, string name, string value)
    {
        foreach (var key in environment.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase) && k != name).ToList())
        {
            environment.Remove(key);
        }

        environment[name] = value;
    }
}
