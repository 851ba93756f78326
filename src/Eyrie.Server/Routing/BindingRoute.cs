using System.Net;
using Eyrie.Configuration.Validation;
using Eyrie.Server.Tls;

namespace Eyrie.Server.Routing;

/// <summary>One binding compiled for matching: a local address (or any), a host pattern, and its site.</summary>
public sealed class BindingRoute
{
    private readonly string _suffix;

    public BindingRoute(IPAddress? address, string host, SiteRoute site, CertificateSource? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        Address = address;
        Host = host;
        Site = site;
        Certificate = certificate;
        Match = host.Length == 0 ? HostMatch.Any : HostName.IsWildcard(host) ? HostMatch.Wildcard : HostMatch.Exact;
        _suffix = Match == HostMatch.Wildcard ? host[1..] : "";
    }

    /// <summary>The local address it is bound to, or null for every address.</summary>
    public IPAddress? Address { get; }

    public string Host { get; }

    public HostMatch Match { get; }

    public SiteRoute Site { get; }

    /// <summary>The certificate of an https binding.</summary>
    public CertificateSource? Certificate { get; }

    /// <summary>
    /// IIS precedence (HTTP.sys: host-specific before IP-bound before wildcard): an exact host before a
    /// wildcard (longer suffix first) before any host; at equal host rank, a specific IP before <c>*</c>.
    /// </summary>
    public static int Compare(BindingRoute x, BindingRoute y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byHost = x.Match.CompareTo(y.Match);
        if (byHost != 0)
        {
            return byHost;
        }

        if (x.Match == HostMatch.Wildcard && x._suffix.Length != y._suffix.Length)
        {
            return y._suffix.Length.CompareTo(x._suffix.Length);
        }

        return (x.Address is null).CompareTo(y.Address is null);
    }

    public bool IsMatch(IPAddress localAddress, ReadOnlySpan<char> host)
    {
        if (Address is not null && !Address.Equals(localAddress))
        {
            return false;
        }

        return Match switch
        {
            HostMatch.Exact => host.Equals(Host, StringComparison.OrdinalIgnoreCase),
            HostMatch.Wildcard => host.Length > _suffix.Length && host.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
    }
}
