using Eyrie.Configuration;

namespace Eyrie.Server.Hosting;

/// <summary>How long a graceful stop of Eyrie may take: drain the listeners, then stop every worker and, failing that, kill it.</summary>
public static class ShutdownBudget
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    public static TimeSpan For(LoadedConfig configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The largest shutdownTimeLimit any application may use (eyrie.json can raise it up to 600 s).
        var limits = configuration.Config.Sites.SelectMany(s => s.Applications).Select(a => a.AspNetCore?.ShutdownTimeLimit ?? 10);
        return new EdgeServerOptions().DrainTimeout + TimeSpan.FromSeconds(limits.DefaultIfEmpty(10).Max()) + Margin;
    }
}
