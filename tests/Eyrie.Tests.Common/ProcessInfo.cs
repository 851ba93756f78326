using System.Globalization;

namespace Eyrie.Tests.Common;

/// <summary>Facts about processes read from /proc (Linux).</summary>
public static class ProcessInfo
{
    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The live processes of session <paramref name="sessionId"/>: a worker started under <c>setsid</c> leads a
    /// session whose id is its pid, and whatever it started stays in it unless it made its own.
    /// </summary>
    public static IReadOnlyList<int> SessionMembers(int sessionId) =>
        LivePids(pid =>
        {
            // Fields after "(comm)": state ppid pgrp session ...
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3], CultureInfo.InvariantCulture) == sessionId;
        });

    /// <summary>Peak resident memory (VmHWM) of a process, in bytes.</summary>
    public static long PeakResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmHWM for pid {pid}");
    }

    /// <summary>The pids whose command line contains <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string fragment) =>
        LivePids(pid => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(fragment, StringComparison.Ordinal));

    /// <summary>The live processes that <paramref name="matches"/>; one that exits or is unreadable meanwhile is skipped.</summary>
    private static List<int> LivePids(Func<int, bool> matches)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (matches(pid) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
