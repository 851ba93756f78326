using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Certificates;

/// <summary>
/// The files of one certificate, resolved to full paths: the identity under which it is loaded, watched
/// and shared by every binding that names the same files.
/// </summary>
public sealed record CertificateFiles(string Path, string? KeyPath, string? PasswordEnvironmentVariable, string? PasswordFile)
{
    public static CertificateFiles From(CertificateConfig config, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new CertificateFiles(
            System.IO.Path.GetFullPath(config.Path, baseDirectory),
            config.KeyPath is null ? null : System.IO.Path.GetFullPath(config.KeyPath, baseDirectory),
            config.PasswordEnvironmentVariable,
            config.PasswordFile is null ? null : System.IO.Path.GetFullPath(config.PasswordFile, baseDirectory));
    }

    /// <summary>Every file whose change should reload the certificate.</summary>
    public IEnumerable<string> AllFiles => new[] { Path, KeyPath, PasswordFile }.Where(f => f is not null)!;
}
