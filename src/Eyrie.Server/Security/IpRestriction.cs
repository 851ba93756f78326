using System.Net;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.Validation;

namespace Eyrie.Server.Security;

/// <summary>
/// IIS's <c>ipSecurity</c>, compiled: rules by address range evaluated in order, first match wins, then
/// <c>allowUnlisted</c>. A denied client gets the deny action's status with sub-status 503, or the
/// connection is aborted.
/// </summary>
public sealed class IpRestriction
{
    private readonly (IPNetwork Network, bool Allowed)[] _rules;
    private readonly bool _allowUnlisted;
    private readonly DenyAction _denyAction;

    public IpRestriction(IpSecurityConfig merged, IEnumerable<IpSecurityEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(merged);
        _rules = [.. entries.Where(e => e.IpAddress is not null).Select(e => (IpNetworkParser.Parse(e.IpAddress, e.SubnetMask), e.Allowed))];
        _allowUnlisted = merged.AllowUnlisted ?? true;
        _denyAction = merged.DenyAction ?? DenyAction.Forbidden;
        ProxyMode = merged.EnableProxyMode ?? false;
    }

    public bool ProxyMode { get; }

    public SecurityDecision Check(IPAddress client)
    {
        foreach (var (network, allowed) in _rules)
        {
            if (network.Contains(client))
            {
                return allowed ? SecurityDecision.Pass : DenyDecisions.For(_denyAction, 503);
            }
        }

        return _allowUnlisted ? SecurityDecision.Pass : DenyDecisions.For(_denyAction, 503);
    }
}
