using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Eyrie.Tests.Common;

/// <summary>A TCP port free right now, for tests that need several bindings to share one fixed port.</summary>
public static class FreePort
{
    // The kernel may hand the port it just freed to the next request: never give a test the same port twice.
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Get()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.IPv6Any, 0);
            listener.Server.DualMode = true;
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
