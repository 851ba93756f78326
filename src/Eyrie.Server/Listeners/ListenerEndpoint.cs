using System.Net;
using System.Net.Sockets;
using Eyrie.Configuration.Model;

namespace Eyrie.Server.Listeners;

/// <summary>
/// One socket Eyrie listens on: an address (<see cref="IPAddress.IPv6Any"/> for bindings on <c>*</c>) and a
/// port, carrying one protocol. Several bindings (sites, host names) share it.
/// </summary>
public sealed record ListenerEndpoint(IPAddress Address, int Port, BindingProtocol Protocol)
{
    public bool IsAnyAddress => Address.Equals(IPAddress.IPv6Any) || Address.Equals(IPAddress.Any);

    /// <summary>How the endpoint is written in logs: <c>http://*:8080</c>, <c>https://[::1]:443</c>.</summary>
    public string Display(int? boundPort = null)
    {
        var host = IsAnyAddress ? "*" : Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();
        return $"{Protocol.ToString().ToLowerInvariant()}://{host}:{boundPort ?? Port}";
    }

    public override string ToString() => Display();
}
