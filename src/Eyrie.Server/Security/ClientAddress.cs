using System.Net;
using Microsoft.Extensions.Primitives;

namespace Eyrie.Server.Security;

/// <summary>
/// Which address a request comes from, for IP restrictions and limits (Traefik's pkg/ip split: choosing the
/// address is separate from judging it). X-Forwarded-For is believed only when the connection comes from a
/// trusted proxy, and only as far back as the chain of trusted proxies goes.
/// </summary>
public static class ClientAddress
{
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <param name="peer">The connection's remote address.</param>
    /// <param name="forwardedFor">The X-Forwarded-For values (may be several headers, each a list).</param>
    /// <param name="trustedProxies">Proxies whose X-Forwarded-For is believed.</param>
    public static IPAddress Resolve(IPAddress peer, StringValues forwardedFor, IReadOnlyList<IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(trustedProxies);
        var current = Normalize(peer);
        if (trustedProxies.Count == 0 || StringValues.IsNullOrEmpty(forwardedFor) || !IsTrusted(current, trustedProxies))
        {
            return current;
        }

        // Walk from the right (the entry the trusted proxy added) to the first address that is not a trusted proxy.
        var entries = forwardedFor.SelectMany(v => (v ?? "").Split(',')).ToList();
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (!TryParseEntry(entries[i], out var address))
            {
                // A malformed entry ends the chain of trust: keep the last trustworthy address.
                return current;
            }

            current = address;
            if (!IsTrusted(current, trustedProxies))
            {
                return current;
            }
        }

        return current;
    }

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> trustedProxies)
    {
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An X-Forwarded-For entry: <c>1.2.3.4</c>, <c>1.2.3.4:5678</c>, <c>2001:db8::1</c> or <c>[2001:db8::1]:443</c>.</summary>
    private static bool TryParseEntry(string entry, out IPAddress address)
    {
        var text = entry.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            text = close > 0 ? text[1..close] : text;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            text = text[..text.IndexOf(':', StringComparison.Ordinal)];
        }

        if (IPAddress.TryParse(text, out var parsed))
        {
            address = Normalize(parsed);
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
