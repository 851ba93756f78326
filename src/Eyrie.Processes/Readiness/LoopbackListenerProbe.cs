using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Eyrie.Processes.Readiness;

/// <summary>
/// ANCM's readiness test (iis-ancm.md §2.5): the worker is ready when its port on 127.0.0.1 accepts a
/// connection and, on Linux, the listening socket belongs to the worker or one of its descendants
/// (read from /proc), so a stranger that happens to hold the port is never mistaken for the app.
/// </summary>
public sealed class LoopbackListenerProbe : IListenerProbe
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    public async ValueTask<ListenerStatus> ProbeAsync(int processId, int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        }
        catch (SocketException)
        {
            return ListenerStatus.NotListening;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ListenerStatus.NotListening;
        }

        if (!OperatingSystem.IsLinux())
        {
            return ListenerStatus.Listening;
        }

        return IsOwnedBy(processId, port) switch
        {
            true => ListenerStatus.Listening,
            false => ListenerStatus.ListeningByOtherProcess,

            // The listener that answered is gone already (a short-lived one that held the port for a moment):
            // it was not the worker's. Probe again.
            null => ListenerStatus.NotListening,
        };
    }

    /// <summary>True if a listening socket on <paramref name="port"/> is open in the process tree of <paramref name="processId"/>.</summary>
    /// <returns>Whether a listening socket on the port belongs to the process tree; null when none listens on it now.</returns>
    internal static bool? IsOwnedBy(int processId, int port)
    {
        try
        {
            var inodes = ListeningInodes("/proc/net/tcp", port);
            inodes.UnionWith(ListeningInodes("/proc/net/tcp6", port));
            if (inodes.Count == 0)
            {
                // The connection succeeded, yet nothing listens now: what answered has gone (seen on CI: a
                // test's port-0 probe listener held the worker's port for a moment), so it was not the worker.
                return null;
            }

            foreach (var pid in ProcessTree(processId))
            {
                foreach (var fd in SafeEnumerate($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) &&
                        ulong.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode) &&
                        inodes.Contains(inode))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // /proc unreadable (hardened kernel): the connection test is all there is.
            return true;
        }
    }

    private static HashSet<ulong> ListeningInodes(string table, int port)
    {
        var inodes = new HashSet<ulong>();
        if (!File.Exists(table))
        {
            return inodes;
        }

        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != "0A")
            {
                continue;
            }

            var colon = fields[1].LastIndexOf(':');
            if (int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var localPort) &&
                localPort == port && ulong.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }

    private static IEnumerable<int> ProcessTree(int root)
    {
        var pending = new Stack<int>([root]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }

            yield return pid;
            foreach (var task in SafeEnumerate($"/proc/{pid}/task"))
            {
                var children = Path.Combine(task, "children");
                if (!File.Exists(children))
                {
                    continue;
                }

                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var childPid))
                    {
                        pending.Push(childPid);
                    }
                }
            }
        }
    }

    private static string[] SafeEnumerate(string folder)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
