using System.Net;
using System.Net.Sockets;

namespace Eyrie.Tests.Common;

/// <summary>A TCP port free right now, for tests that need several bindings to share one fixed port.</summary>
public static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0);
        listener.Server.DualMode = true;
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
