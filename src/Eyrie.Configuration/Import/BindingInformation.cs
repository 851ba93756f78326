using System.Globalization;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration.Import;

/// <summary>IIS's <c>bindingInformation</c> of an http or https binding: <c>address:port:host</c>.</summary>
/// <param name="Address"><c>*</c> or an IP address (IPv6 without its brackets).</param>
/// <param name="Host">Empty for any host.</param>
public sealed record BindingInformation(string Address, int Port, string Host)
{
    /// <summary>
    /// Parses <c>*:80:</c>, <c>10.0.0.5:443:shop.contoso.com</c>, <c>[2001:db8::1]:443:</c>. An empty address is
    /// <c>*</c>, as IIS reads it.
    /// </summary>
    public static bool TryParse(string text, out BindingInformation? result, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        result = null;
        string address;
        string rest;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"'{text}' is not address:port:host (an IPv6 address is written in brackets: [2001:db8::1]:443:)";
                return false;
            }

            address = text[1..close];
            rest = text[(close + 2)..];
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                error = $"'{text}' is not address:port:host";
                return false;
            }

            address = text[..colon];
            rest = text[(colon + 1)..];
        }

        var portEnd = rest.IndexOf(':', StringComparison.Ordinal);
        if (portEnd < 0)
        {
            error = $"'{text}' is not address:port:host (the host part, even empty, needs its colon)";
            return false;
        }

        if (!int.TryParse(rest[..portEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{rest[..portEnd]}' in '{text}' is not a port between 1 and 65535";
            return false;
        }

        address = address.Trim();
        if (address.Length == 0)
        {
            address = BindingAddress.Any;
        }

        if (!BindingAddress.TryParse(address, out _))
        {
            error = $"'{address}' in '{text}' is not an IP address or *";
            return false;
        }

        error = "";
        result = new BindingInformation(address, port, rest[(portEnd + 1)..].Trim());
        return true;
    }
}
