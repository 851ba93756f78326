using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Eyrie.Tests.Common;

/// <summary>
/// Throwaway self-signed certificates made by tests at run time, written as PEM (certificate + key) or PFX.
/// Nothing here is ever committed.
/// </summary>
public static class TestCertificates
{
    public static X509Certificate2 Create(string subject, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.DefaultIfEmpty(subject))
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    /// <summary>Writes <c>name.pem</c> and <c>name.key</c> into <paramref name="folder"/>; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var certificatePath = Path.Combine(folder, name + ".pem");
        var keyPath = Path.Combine(folder, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public static string WritePfx(X509Certificate2 certificate, string folder, string name, string? password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
