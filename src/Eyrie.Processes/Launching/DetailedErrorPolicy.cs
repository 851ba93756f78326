using Eyrie.Configuration.WebConfig;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Whether ANCM-style error pages may show details (the app's output, its command line): when
/// ASPNETCORE_DETAILEDERRORS is 1/true, or the app's environment is Development — read from Eyrie's own
/// environment first, then from web.config's (iis-ancm.md §1.4).
/// </summary>
public static class DetailedErrorPolicy
{
    public static bool IsEnabled(IReadOnlyDictionary<string, string> processEnvironment, AspNetCoreSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(processEnvironment);
        var configured = settings?.EnvironmentVariables;
        var detailed = Lookup(AncmVariables.DetailedErrors);
        if (detailed is not null && (detailed == "1" || detailed.Equals("true", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var environment = Lookup(AncmVariables.AspNetCoreEnvironment) ?? Lookup(AncmVariables.DotnetEnvironment);
        return string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase);

        string? Lookup(string name)
        {
            if (processEnvironment.TryGetValue(name, out var value) && value.Length > 0)
            {
                return value;
            }

            return configured is not null && configured.TryGetValue(name, out var fromConfig) && fromConfig.Length > 0 ? fromConfig : null;
        }
    }
}
