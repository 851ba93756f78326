namespace Eyrie.Configuration.Certificates;

/// <summary>A certificate's files cannot be used: unreadable, malformed, wrong password, no private key.</summary>
public sealed class CertificateLoadException : Exception
{
    public CertificateLoadException()
    {
    }

    public CertificateLoadException(string message)
        : base(message)
    {
    }

    public CertificateLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
