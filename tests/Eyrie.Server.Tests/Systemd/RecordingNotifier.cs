using Microsoft.Extensions.Hosting.Systemd;

namespace Eyrie.Server.Tests.Systemd;

/// <summary>An <see cref="ISystemdNotifier"/> that keeps what it is sent, or fails like a vanished socket.</summary>
internal sealed class RecordingNotifier : ISystemdNotifier
{
    public List<string> Sent { get; } = [];

    public bool Fail { get; set; }

    public bool IsEnabled => true;

    public void Notify(ServiceState state)
    {
        if (Fail)
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        }

        Sent.Add(state.ToString());
    }
}
