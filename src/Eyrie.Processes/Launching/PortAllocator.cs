using System.Net.NetworkInformation;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Picks worker ports as ANCM does (iis-ancm.md §2.4): uniformly in [10000, 48000], up to ten tries,
/// skipping ports that already have a listener. It also skips ports it has handed to workers that are
/// still starting, which ANCM does not, so two concurrent starts never pick the same port. And, unlike
/// ANCM, it keeps out of the kernel's ephemeral range (Linux: 32768–60999 by default): a port there can be
/// taken between the pick and the worker's bind by any outgoing connection or port-0 listener, and the
/// worker then fails to start (seen on CI: another listener on the worker's port answered its readiness probe).
/// </summary>
public sealed class PortAllocator
{
    public const int MinRandomPort = 10000;
    public const int MaxPort = 48000;
    public const int MinFixedPort = 1025;
    private const int Attempts = 10;

    private readonly HashSet<int> _reserved = [];
    private readonly Lock _lock = new();
    /// <summary>Fewer ports than this below the ephemeral range, and the whole of ANCM's range is used.</summary>
    private const int MinimumRoom = 5000;

    private readonly Func<int, int, int> _next;
    private readonly int _max;

    public PortAllocator()
        : this(Random.Shared.Next, EphemeralRange())
    {
    }

    /// <summary>Creates an allocator with a chosen number source and ephemeral range (for tests).</summary>
    /// <param name="next">The number source: a random integer in [min, max).</param>
    /// <param name="ephemeral">The kernel's ephemeral port range, kept out of when enough room is left below it.</param>
    public PortAllocator(Func<int, int, int> next, (int Low, int High)? ephemeral = null)
    {
        _next = next;
        _max = ephemeral is { Low: var low } && low - 1 - MinRandomPort >= MinimumRoom && low - 1 < MaxPort ? low - 1 : MaxPort;
    }

    /// <summary>The highest port <see cref="Reserve"/> picks.</summary>
    public int MaxRandomPort => _max;

    /// <summary>Reserves a free port, or returns null when ten picks were all taken.</summary>
    public int? Reserve()
    {
        var listening = ListeningPorts();
        lock (_lock)
        {
            for (var i = 0; i < Attempts; i++)
            {
                var port = _next(MinRandomPort, _max + 1);
                if (!listening.Contains(port) && _reserved.Add(port))
                {
                    return port;
                }
            }
        }

        return null;
    }

    /// <summary>Marks a fixed port (ASPNETCORE_PORT from web.config) as used by a worker.</summary>
    public void ReserveFixed(int port)
    {
        lock (_lock)
        {
            _reserved.Add(port);
        }
    }

    public void Release(int port)
    {
        lock (_lock)
        {
            _reserved.Remove(port);
        }
    }

    /// <summary>/proc/sys/net/ipv4/ip_local_port_range on Linux; none elsewhere.</summary>
    private static (int Low, int High)? EphemeralRange()
    {
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length == 2
                && int.TryParse(fields[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var low)
                && int.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var high)
                ? (low, high)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static HashSet<int> ListeningPorts()
    {
        try
        {
            return IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.Port).ToHashSet();
        }
        catch (NetworkInformationException)
        {
            // Without the listener table, a taken port shows up as a start failure and is retried.
            return [];
        }
    }
}
