using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Eyrie.Server.Listeners;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Tls;

/// <summary>
/// Chooses the certificate of each TLS handshake by the server name (SNI) the client sent, with the same
/// precedence as Host routing: exact name, then wildcard, then the binding with no host name, which also
/// answers clients that send no or an unknown name. Reads the current routing table, so a reload changes
/// certificates without touching the listener.
/// </summary>
public sealed partial class TlsCertificateSelector(RoutingState routing, ILogger<TlsCertificateSelector> logger)
{
    public ValueTask<SslServerAuthenticationOptions> SelectAsync(ListenerEndpoint endpoint, TlsHandshakeCallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var serverName = context.ClientHelloInfo.ServerName ?? "";
        var local = (context.Connection.LocalEndPoint as IPEndPoint)?.Address ?? IPAddress.IPv6Any;
        var binding = routing.Current.For(endpoint)?.ResolveBinding(local, serverName);
        if (binding?.Certificate is { } certificate)
        {
            return new(certificate.Options);
        }

        LogNoCertificate(logger, serverName, endpoint.ToString());
        throw new AuthenticationException($"No https binding on {endpoint} answers server name '{serverName}'.");
    }

    [LoggerMessage(EventId = EventIds.TlsNoCertificate, Level = LogLevel.Debug, Message = "TLS handshake refused: no https binding on {Endpoint} answers server name '{ServerName}' and none has an empty host name")]
    private static partial void LogNoCertificate(ILogger logger, string serverName, string endpoint);
}
