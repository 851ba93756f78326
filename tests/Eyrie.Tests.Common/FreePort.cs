using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Eyrie.Tests.Common;

/// <summary>
/// A TCP port free right now, for tests that bind a fixed port some time after choosing it. Chosen above the
/// kernel's ephemeral range where there is room, so no other test's port-0 listener or outgoing connection can
/// take it in between; never the same port twice in one test process.
/// </summary>
public static class FreePort
{
    private const int Attempts = 200;
    private static readonly ConcurrentDictionary<int, bool> Given = new();
    private static readonly (int Low, int High)? Range = AboveEphemeralRange();

    public static int Get()
    {
        if (Range is var (low, high))
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(low, high + 1);
                if (!Given.ContainsKey(port) && IsFree(port) && Given.TryAdd(port, true))
                {
                    return port;
                }
            }
        }

        // No room above the ephemeral range (or all taken): let the kernel choose.
        while (true)
        {
            var port = Bind(0);
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            Bind(port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Binds on every address (as Eyrie's listeners do) and lets go; returns the port bound.</summary>
    private static int Bind(int port)
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true;
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Low, int High)? AboveEphemeralRange()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(RangeFile))
        {
            return null;
        }

        var bounds = File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var high = int.Parse(bounds[1], CultureInfo.InvariantCulture);
        return high <= 64_000 ? (high + 1, 65_535) : null;
    }
}
