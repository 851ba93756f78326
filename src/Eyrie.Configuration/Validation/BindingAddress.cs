using System.Net;
using System.Net.Sockets;

namespace Eyrie.Configuration.Validation;

/// <summary>A binding's address: <c>*</c> (every address) or one IP address.</summary>
public static class BindingAddress
{
    public const string Any = "*";

    /// <summary>Parses <c>*</c> (null result) or an IPv4/IPv6 address (IPv4-mapped IPv6 is reduced to IPv4).</summary>
    public static bool TryParse(string text, out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        if (text == Any)
        {
            return true;
        }

        var trimmed = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        if (!IPAddress.TryParse(trimmed, out var parsed))
        {
            return false;
        }

        // IPAddress also accepts shorthand such as "127.1"; a binding spells IPv4 out in four parts.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && trimmed.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    /// <summary>Parses an address of a validated configuration: null for <c>*</c>.</summary>
    public static IPAddress? Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IP address or *");

    /// <summary>The canonical text of a binding address, used to compare bindings.</summary>
    public static string Canonical(string text) =>
        TryParse(text, out var address) ? address?.ToString() ?? Any : text;
}
