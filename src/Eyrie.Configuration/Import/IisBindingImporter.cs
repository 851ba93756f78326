using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Maps a site's <c>bindings/binding</c>: http and https with IIS's <c>bindingInformation</c>; an https binding
/// gets a placeholder certificate path (IIS keeps certificates in Windows' store or the Central Certificate
/// Store, which have to be exported), and its <c>sslFlags</c> are explained flag by flag.
/// </summary>
internal sealed class IisBindingImporter(ImportReport report)
{
    private const int SniFlag = 1;
    private const int CentralCertificateStoreFlag = 2;

    private readonly ImportReport _report = report;

    /// <param name="conflict">Says why a binding cannot be added (another site claims it), or null.</param>
    public List<(BindingConfig Binding, XElement Element)> Import(XElement? bindings, string siteName, string sitePath, Func<BindingConfig, string?> conflict)
    {
        var result = new List<(BindingConfig, XElement)>();
        if (bindings is null)
        {
            return result;
        }

        _report.Handle(bindings);
        foreach (var element in bindings.Elements())
        {
            if (element.Name.LocalName != "binding")
            {
                continue;
            }

            var protocol = ((string?)element.Attribute("protocol") ?? "").Trim();
            var information = ((string?)element.Attribute("bindingInformation") ?? "").Trim();
            var path = $"{sitePath}/bindings/binding[{protocol} {information}]";
            if (Import(element, protocol, information, siteName, path, conflict) is { } binding)
            {
                result.Add((binding, element));
            }
        }

        return result;
    }

    /// <summary>The placeholder certificate file of an https binding: CCS's naming (<c>_.contoso.com.pfx</c> for a wildcard), else the site's name.</summary>
    public static string PlaceholderCertificate(string host, string siteName, bool centralStore)
    {
        var name = host.Length > 0
            ? (HostName.IsWildcard(host) ? "_" + host[1..] : host)
            : (centralStore ? "_default" : SafeFileName(siteName));
        return $"certs/{name}.pfx";
    }

    private BindingConfig? Import(XElement element, string protocol, string information, string siteName, string path, Func<BindingConfig, string?> conflict)
    {
        _report.HandleTree(element);
        var isHttps = protocol.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!isHttps && !protocol.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            _report.Skipped(element, path, $"{(protocol.Length == 0 ? "no protocol" : protocol)}: Eyrie serves http and https only{(protocol.StartsWith("net.", StringComparison.OrdinalIgnoreCase) || protocol.Equals("msmq.formatname", StringComparison.OrdinalIgnoreCase) ? " (WCF's non-HTTP transports have no equivalent)" : "")}");
            return null;
        }

        if (!BindingInformation.TryParse(information, out var parsed, out var error))
        {
            _report.Skipped(element, path, error);
            return null;
        }

        if (HostName.Check(parsed!.Host) is { } hostError)
        {
            _report.Skipped(element, path, $"host '{parsed.Host}' {hostError}");
            return null;
        }

        var listens = $"{protocol.ToLowerInvariant()} {(parsed.Address.Contains(':', StringComparison.Ordinal) ? $"[{parsed.Address}]" : parsed.Address)}:{parsed.Port}, {(parsed.Host.Length == 0 ? "any host" : "host " + parsed.Host)}";
        var binding = new BindingConfig
        {
            Protocol = isHttps ? BindingProtocol.Https : BindingProtocol.Http,
            Address = parsed.Address,
            Port = parsed.Port,
            Host = parsed.Host,
        };
        if (conflict(binding) is { } reason)
        {
            _report.Skipped(element, path, reason);
            return null;
        }

        if (!isHttps)
        {
            _report.Mapped(element, path, listens);
            foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName is "sslFlags" or "certificateHash" or "certificateStoreName"))
            {
                _report.Skipped(attribute, $"{path}/@{attribute.Name.LocalName}", "applies to https bindings only");
            }

            return binding;
        }

        var flagsAttribute = element.Attribute("sslFlags");
        var flags = 0;
        if (flagsAttribute is not null && !int.TryParse(flagsAttribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out flags))
        {
            _report.Skipped(flagsAttribute, $"{path}/@sslFlags", $"'{flagsAttribute.Value}' is not a number; read as 0");
            flags = 0;
        }

        var centralStore = (flags & CentralCertificateStoreFlag) != 0;
        var certificate = PlaceholderCertificate(parsed.Host, siteName, centralStore);
        _report.Changed(element, path, $"{listens}; certificate.path {certificate} is a placeholder: put the certificate there as PFX (with passwordEnvironmentVariable or passwordFile if it has a password), or point path and keyPath at PEM files");
        if (flagsAttribute is not null && flagsAttribute.Value.Trim() == flags.ToString(CultureInfo.InvariantCulture))
        {
            var (action, message) = DescribeFlags(flags, parsed.Host, certificate);
            _report.Add(flagsAttribute, action, $"{path}/@sslFlags", message);
        }
        else if (flagsAttribute is null)
        {
            var (action, message) = DescribeFlags(0, parsed.Host, certificate);
            _report.Add(element, action, $"{path}/@sslFlags", message + " (sslFlags not set: 0)");
        }

        var hash = element.Attribute("certificateHash");
        var store = element.Attribute("certificateStoreName");
        if (hash is not null || store is not null)
        {
            var where = store is null ? "the Windows certificate store" : $"Windows store {store.Value}";
            var thumbprint = hash is null ? "" : $", thumbprint {hash.Value}";
            var node = (XObject?)hash ?? store!;
            _report.Changed(node, $"{path}/@{(hash is null ? "certificateStoreName" : "certificateHash")}",
                $"certificate in {where}{thumbprint}: export it as PFX/PEM and set the path (now {certificate})");
            if (hash is not null && store is not null)
            {
                _report.Handle(store);
            }
        }

        return binding with { Certificate = new CertificateConfig { Path = certificate } };
    }

    private static (ImportAction, string) DescribeFlags(int flags, string host, string certificate)
    {
        var notes = new List<string>();
        var action = ImportAction.Mapped;
        if ((flags & CentralCertificateStoreFlag) != 0)
        {
            action = ImportAction.Changed;
            var file = certificate["certs/".Length..];
            notes.Add(host.Length == 0
                ? "2 Central Certificate Store without a host name: IIS finds no file by name; put the default certificate at " + certificate
                : $"2 Central Certificate Store: copy {file} from the CCS share to {certificate} (CCS files share one password: set passwordEnvironmentVariable)");
        }
        else if ((flags & SniFlag) != 0)
        {
            notes.Add("1 SNI: the certificate is chosen by host name, as Eyrie does");
        }
        else if (host.Length == 0)
        {
            notes.Add("0 IP-based certificate: in Eyrie a binding with no host name answers every name that no more specific binding claims");
        }
        else
        {
            action = ImportAction.Changed;
            notes.Add($"0 IP-based certificate: IIS sent it to every client of this address:port; Eyrie sends it to clients that ask for {host} by SNI (others get the certificate of a binding with no host name on this port)");
        }

        if ((flags & 4) != 0)
        {
            action = ImportAction.Changed;
            notes.Add("4 disable HTTP/2: Eyrie keeps HTTP/2 (by ALPN)");
        }

        if ((flags & 8) != 0)
        {
            action = action == ImportAction.Mapped ? ImportAction.Skipped : action;
            notes.Add("8 disable OCSP stapling: not configurable in Eyrie");
        }

        if ((flags & 16) != 0)
        {
            notes.Add("16 disable QUIC: Eyrie does not serve HTTP/3 anyway");
        }

        if ((flags & 32) != 0)
        {
            action = ImportAction.Changed;
            notes.Add("32 disable TLS 1.3 over TCP: Eyrie keeps TLS 1.2 and 1.3");
        }

        if ((flags & 64) != 0)
        {
            notes.Add("64 disable legacy TLS: Eyrie offers TLS 1.2 and 1.3 only anyway");
        }

        if ((flags & ~127) != 0)
        {
            action = action == ImportAction.Mapped ? ImportAction.Skipped : action;
            notes.Add($"unknown flags {flags & ~127}: ignored");
        }

        return (action, string.Join("; ", notes));
    }

    private static string SafeFileName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        return builder.ToString().Trim('-', '.') is { Length: > 0 } safe ? safe : "site";
    }
}
