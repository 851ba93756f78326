using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Eyrie.Configuration.Certificates;

/// <summary>
/// Loads a server certificate as Kestrel names its files: PEM (<c>path</c> + <c>keyPath</c>, or both in
/// one file) or PFX/PKCS#12 (<c>path</c>, password from an environment variable or a file). Intermediate
/// certificates in the same file are kept for the handshake's chain.
/// </summary>
public static class CertificateLoader
{
    /// <exception cref="CertificateLoadException">The files cannot give a usable server certificate.</exception>
    public static LoadedCertificate Load(CertificateFiles files, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            var loaded = IsPem(files) ? LoadPem(files) : LoadPkcs12(files, ReadPassword(files, environment));
            if (!loaded.Certificate.HasPrivateKey)
            {
                loaded.Dispose();
                throw new CertificateLoadException($"'{files.Path}' has no private key" + (files.KeyPath is null ? "; give keyPath for a PEM certificate" : ""));
            }

            return loaded;
        }
        catch (CryptographicException ex)
        {
            throw new CertificateLoadException($"cannot load '{files.Path}': {ex.Message.TrimEnd('.')}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateLoadException($"cannot read '{files.Path}': {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // CreateFromPem reports a missing or mismatched key this way.
            throw new CertificateLoadException($"cannot load '{files.Path}': {ex.Message}", ex);
        }
    }

    private static bool IsPem(CertificateFiles files)
    {
        if (files.KeyPath is not null)
        {
            return true;
        }

        using var stream = File.OpenRead(files.Path);
        Span<byte> start = stackalloc byte[64];
        var read = stream.Read(start);
        return System.Text.Encoding.ASCII.GetString(start[..read]).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static LoadedCertificate LoadPem(CertificateFiles files)
    {
        using var fromPem = X509Certificate2.CreateFromPemFile(files.Path, files.KeyPath);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(files.Path);

        // The first certificate is the server's; the rest of a fullchain file are its intermediates.
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(certificate);
        }

        chain[0].Dispose();
        return new LoadedCertificate(CopyWithKey(fromPem), intermediates);
    }

    private static LoadedCertificate LoadPkcs12(CertificateFiles files, string? password)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(files.Path, password, X509KeyStorageFlags.EphemeralKeySet);
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new CertificateLoadException($"'{files.Path}' holds no certificate with a private key");
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in all.Where(c => !ReferenceEquals(c, leaf)))
        {
            intermediates.Add(certificate);
        }

        return new LoadedCertificate(leaf, intermediates);
    }

    private static X509Certificate2 CopyWithKey(X509Certificate2 certificate)
    {
        // An exportable copy: PEM keys are ephemeral, which SslStream on Linux accepts but other platforms may not.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static string? ReadPassword(CertificateFiles files, IReadOnlyDictionary<string, string>? environment)
    {
        if (files.PasswordFile is not null)
        {
            return File.ReadAllText(files.PasswordFile).TrimEnd('\r', '\n');
        }

        if (files.PasswordEnvironmentVariable is { } name)
        {
            var value = environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);
            return value ?? throw new CertificateLoadException($"the environment variable '{name}' (passwordEnvironmentVariable) is not set");
        }

        return null;
    }
}
