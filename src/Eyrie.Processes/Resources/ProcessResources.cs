using System.Globalization;

namespace Eyrie.Processes.Resources;

/// <summary>
/// Reads a process's memory and CPU time from /proc (Linux). Elsewhere it reports nothing, and memory-based
/// recycling does not apply.
/// </summary>
public static class ProcessResources
{
    /// <summary>/proc reports CPU time in USER_HZ ticks, 100 per second on Linux.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSample? Read(int processId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var status = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            return new ProcessSample(
                StatusKb(status, "VmSize:"),
                StatusKb(status, "VmRSS:"),
                StatusKb(status, "RssAnon:") + StatusKb(status, "VmSwap:"),
                CpuTime(stat),
                time.GetTimestamp());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process has gone (or is going).
            return null;
        }
    }

    /// <summary>The share of one CPU used between two samples, in percent (200 = two CPUs busy).</summary>
    public static double CpuPercent(ProcessSample earlier, ProcessSample later, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(time);
        var elapsed = time.GetElapsedTime(earlier.At, later.At);
        return elapsed <= TimeSpan.Zero ? 0 : Math.Max(0, (later.CpuTime - earlier.CpuTime) / elapsed * 100);
    }

    internal static long StatusKb(string status, string field)
    {
        var start = status.IndexOf(field, StringComparison.Ordinal);
        if (start < 0)
        {
            return 0;
        }

        var line = status.AsSpan(start + field.Length);
        var end = line.IndexOf('\n');
        line = (end < 0 ? line : line[..end]).Trim();
        var unit = line.IndexOf(' ');
        return long.Parse(unit < 0 ? line : line[..unit], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    internal static TimeSpan CpuTime(string stat)
    {
        // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture);
        var systemTicks = long.Parse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((userTicks + systemTicks) / TicksPerSecond);
    }
}
