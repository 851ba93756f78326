using System.Net;

namespace Eyrie.Configuration.Paths;

/// <summary>
/// <c>admin.listen</c>: a loopback address and port (<c>127.0.0.1:8090</c>, <c>[::1]:8090</c>,
/// <c>localhost:8090</c>). Only loopback: the admin API changes the configuration and runs processes, so it
/// is never exposed to the network, even with its token.
/// </summary>
public static class AdminListenAddress
{
    public static bool TryParse(string value, out IPEndPoint endpoint, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        var text = value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + value["localhost".Length..] : value;
        if (!IPEndPoint.TryParse(text, out var parsed) || !text.Contains(':', StringComparison.Ordinal) || (text.StartsWith('[') == false && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
        {
            error = $"'{value}' is not an address and port such as 127.0.0.1:8090";
            return false;
        }

        if (!IPAddress.IsLoopback(parsed.Address))
        {
            error = $"'{value}' is not a loopback address: the admin API listens on 127.0.0.1, [::1] or localhost only";
            return false;
        }

        endpoint = parsed;
        error = "";
        return true;
    }
}
