using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>A certificate from files, named as Kestrel names them. Passwords never live in eyrie.json.</summary>
public sealed record CertificateConfig
{
    [Description("A PEM certificate (with keyPath) or a PFX/PKCS#12 file. Relative paths are relative to eyrie.json.")]
    public required string Path { get; init; }

    [Description("The PEM private key of the certificate in path.")]
    public string? KeyPath { get; init; }

    [Description("The environment variable that holds the PFX password.")]
    public string? PasswordEnvironmentVariable { get; init; }

    [Description("A file whose content is the PFX password.")]
    public string? PasswordFile { get; init; }
}
