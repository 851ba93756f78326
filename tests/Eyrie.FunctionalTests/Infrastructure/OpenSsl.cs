using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>`openssl s_client`, an independent TLS client, to see which certificate Eyrie presents.</summary>
internal static partial class OpenSsl
{
    /// <summary>The serial of the certificate presented for <paramref name="serverName"/> (null: send no SNI); null if the handshake failed.</summary>
    public static async Task<string?> ServerCertificateSerialAsync(int port, string? serverName, params string[] extra)
    {
        var arguments = new List<string> { "s_client", "-connect", $"127.0.0.1:{port}" };
        arguments.AddRange(serverName is null ? ["-noservername"] : ["-servername", serverName]);
        arguments.AddRange(extra);
        var (_, stdout, _) = await ExternalTool.RunAsync("openssl", arguments);
        var pem = CertificatePem().Match(stdout);
        if (!pem.Success)
        {
            return null;
        }

        using var certificate = X509Certificate2.CreateFromPem(pem.Value);
        return certificate.SerialNumber;
    }

    [GeneratedRegex("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----")]
    private static partial Regex CertificatePem();
}
