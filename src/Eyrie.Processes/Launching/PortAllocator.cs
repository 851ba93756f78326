using System.Net.NetworkInformation;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Picks worker ports as ANCM does (iis-ancm.md §2.4): uniformly in [10000, 48000], up to ten tries,
/// skipping ports that already have a listener. It also skips ports it has handed to workers that are
/// still starting, which ANCM does not, so two concurrent starts never pick the same port.
/// </summary>
public sealed class PortAllocator
{
    public const int MinRandomPort = 10000;
    public const int MaxPort = 48000;
    public const int MinFixedPort = 1025;
    private const int Attempts = 10;

    private readonly HashSet<int> _reserved = [];
    private readonly Lock _lock = new();
    private readonly Func<int, int, int> _next;

    public PortAllocator()
        : this(Random.Shared.Next)
    {
    }

    /// <summary>Creates an allocator with a chosen number source (for tests).</summary>
    public PortAllocator(Func<int, int, int> next)
    {
        _next = next;
    }

    /// <summary>Reserves a free port, or returns null when ten picks were all taken.</summary>
    public int? Reserve()
    {
        var listening = ListeningPorts();
        lock (_lock)
        {
            for (var i = 0; i < Attempts; i++)
            {
                var port = _next(MinRandomPort, MaxPort + 1);
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
