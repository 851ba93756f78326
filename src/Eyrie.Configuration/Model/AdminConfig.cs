using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>Where Eyrie's admin API listens, and how it is guarded.</summary>
public sealed record AdminConfig
{
    [Description("The Unix socket of the admin API (file permissions are the guard). Default: eyrie-<hash>.sock in $RUNTIME_DIRECTORY (systemd's RuntimeDirectory=), $XDG_RUNTIME_DIR or /tmp/eyrie-<user>.")]
    public string? Socket { get; init; }

    [Description("A loopback address and port where the admin API and the web dashboard also listen, e.g. \"127.0.0.1:8090\". Requests there need the bearer token of tokenFile. Default: none (the Unix socket only).")]
    public string? Listen { get; init; }

    [Description("The file holding the bearer token for listen; created with a random token, readable by this user only, when missing. Default: the admin socket's path with .token appended.")]
    public string? TokenFile { get; init; }
}
