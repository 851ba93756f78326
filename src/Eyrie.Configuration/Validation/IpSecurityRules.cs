using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Validation;

/// <summary>Checks the rules of an <c>ipSecurity</c> section, from eyrie.json or a web.config.</summary>
public static class IpSecurityRules
{
    public static void Validate(IpSecurityConfig? ipSecurity, string path, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (ipSecurity is null)
        {
            return;
        }

        if (ipSecurity.EnableReverseDns == true)
        {
            diagnostics.Warning(map.LocationOf(ipSecurity, nameof(IpSecurityConfig.EnableReverseDns)), path + ".enableReverseDns", "reverse DNS is not supported; domainName rules are ignored");
        }

        for (var i = 0; i < ipSecurity.Add.Count; i++)
        {
            var entry = ipSecurity.Add[i];
            var entryPath = $"{path}.add[{i}]";
            if (entry.DomainName is not null && entry.IpAddress is null)
            {
                diagnostics.Warning(map.LocationOf(entry, nameof(IpSecurityEntry.DomainName)), entryPath + ".domainName", "domainName rules need reverse DNS, which is not supported; this rule is ignored");
            }
            else if (!IpNetworkParser.TryParse(entry.IpAddress, null, out _, out var error))
            {
                // The address is read alone first, so a bad one is named as such even beside a subnetMask.
                diagnostics.Error(map.LocationOf(entry, nameof(IpSecurityEntry.IpAddress)), entryPath + ".ipAddress", error);
            }
            else if (!IpNetworkParser.TryParse(entry.IpAddress, entry.SubnetMask, out _, out error))
            {
                diagnostics.Error(map.LocationOf(entry, nameof(IpSecurityEntry.SubnetMask)), entryPath + ".subnetMask", error);
            }
        }
    }
}
