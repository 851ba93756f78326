using System.Collections.Frozen;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus the proxy-only names YARP
/// also drops: never copied from the client to the worker or from the worker to the client.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.TransferEncoding, HeaderNames.Upgrade, HeaderNames.TE,
        HeaderNames.ProxyAuthenticate, HeaderNames.ProxyAuthorization, HeaderNames.ProxyConnection, HeaderNames.Trailer,
        "Proxy-Authentication-Info", "Proxy-Features", "Proxy-Instruction", "Security-Scheme", "ALPN", "Close", "HTTP2-Settings");

    public static bool Contains(string name) => Names.Contains(name);
}
