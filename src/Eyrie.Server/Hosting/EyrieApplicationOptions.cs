using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Hosting;

/// <summary>How the composition root builds Eyrie: logging and where the admin API listens.</summary>
public sealed class EyrieApplicationOptions
{
    /// <summary>Configures logging (the CLI writes to the console; tests capture it).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// Started by systemd (<see cref="Systemd.SystemdEnvironment.IsService"/>): notify it (READY, RELOADING,
    /// STOPPING, STATUS) and let the library's systemd lifetime handle SIGTERM.
    /// </summary>
    public bool UnderSystemd { get; set; }

    /// <summary>The admin socket; by default from eyrie.json's admin.socket or derived from the configuration's identity.</summary>
    public string? AdminSocket { get; set; }
}
