using System.Net.Sockets;

namespace Eyrie.Server.Admin;

/// <summary>
/// Prepares the admin API's Unix socket: its folder private to this user (0700), the socket itself 0600 once
/// bound (file permissions are the admin API's guard), and a leftover socket of a dead Eyrie removed — while
/// a live one is refused, so two Eyries never run the same configuration.
/// </summary>
public static class AdminSocket
{
    /// <exception cref="InvalidOperationException">Another Eyrie answers on <paramref name="path"/>.</exception>
    public static void Prepare(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (!File.Exists(path))
        {
            return;
        }

        if (IsAnswered(path))
        {
            throw new InvalidOperationException($"another Eyrie is already running with this configuration: its admin socket {path} answers");
        }

        File.Delete(path);
    }

    /// <summary>Makes the bound socket readable and writable by this user only.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static bool IsAnswered(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
