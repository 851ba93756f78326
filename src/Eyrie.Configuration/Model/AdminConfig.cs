using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>Where Eyrie's admin API listens.</summary>
public sealed record AdminConfig
{
    [Description("The Unix socket of the admin API (file permissions are the guard). Default: eyrie-<hash>.sock in $XDG_RUNTIME_DIR or /tmp/eyrie-<uid>.")]
    public string? Socket { get; init; }
}
