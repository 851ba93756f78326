using System.Security.Cryptography.X509Certificates;

namespace Eyrie.Configuration.Certificates;

/// <summary>A server certificate with its private key and the intermediates found beside it.</summary>
public sealed class LoadedCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection Intermediates { get; } = intermediates;

    public string SerialNumber => Certificate.SerialNumber;

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
