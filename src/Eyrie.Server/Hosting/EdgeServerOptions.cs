namespace Eyrie.Server.Hosting;

/// <summary>Host-level settings of the front end.</summary>
public sealed class EdgeServerOptions
{
    /// <summary>How long a stopping listener lets open requests finish before it aborts them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
