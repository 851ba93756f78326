using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Eyrie.Configuration.Validation;

/// <summary>
/// Reads the address ranges of IP rules and trusted proxies: an address (one host), CIDR
/// (<c>10.0.0.0/8</c>), or an address with IIS's <c>subnetMask</c> (<c>255.255.0.0</c>, or for IPv6 a mask
/// address or a prefix length). IPv4-mapped IPv6 addresses become IPv4.
/// </summary>
public static class IpNetworkParser
{
    public static bool TryParse(string? address, string? subnetMask, out IPNetwork network, out string error)
    {
        network = default;
        error = "";
        if (string.IsNullOrWhiteSpace(address))
        {
            error = "needs an ipAddress";
            return false;
        }

        var text = address.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (subnetMask is not null)
            {
                error = "give a CIDR range or a subnetMask, not both";
                return false;
            }

            if (!IPNetwork.TryParse(text, out network))
            {
                error = $"'{text}' is not a CIDR range such as 10.0.0.0/8";
                return false;
            }

            network = Normalize(network);
            return true;
        }

        if (!IPAddress.TryParse(text, out var ip))
        {
            error = $"'{text}' is not an IP address";
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (!string.IsNullOrWhiteSpace(subnetMask) && !TryReadPrefix(subnetMask.Trim(), ip.AddressFamily, bits, out prefix, out error))
        {
            return false;
        }

        network = new IPNetwork(Mask(ip, prefix), prefix);
        return true;
    }

    /// <summary>The network of a validated entry.</summary>
    public static IPNetwork Parse(string? address, string? subnetMask = null) =>
        TryParse(address, subnetMask, out var network, out var error) ? network : throw new FormatException(error);

    private static bool TryReadPrefix(string mask, AddressFamily family, int bits, out int prefix, out string error)
    {
        error = "";
        if (int.TryParse(mask, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            if (prefix <= bits)
            {
                return true;
            }

            error = $"prefix length {prefix} is longer than {bits}";
            return false;
        }

        if (!IPAddress.TryParse(mask, out var maskAddress) || maskAddress.AddressFamily != family)
        {
            error = $"subnetMask '{mask}' is not a mask of the same family as the address";
            return false;
        }

        prefix = 0;
        var seenZero = false;
        foreach (var b in maskAddress.GetAddressBytes())
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if ((b & (1 << bit)) != 0)
                {
                    if (seenZero)
                    {
                        error = $"subnetMask '{mask}' is not contiguous";
                        return false;
                    }

                    prefix++;
                }
                else
                {
                    seenZero = true;
                }
            }
        }

        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static IPNetwork Normalize(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
            : network;
}
