using System.Runtime.InteropServices;

namespace Eyrie.Processes.Launching;

/// <summary>POSIX signals to a worker process or to its process group.</summary>
internal static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Signals every process in the group whose id is <paramref name="groupId"/>; false if the group is gone.</summary>
    public static bool SendToGroup(int groupId, int signal) => IsPosix && Kill(-groupId, signal) == 0;

    /// <summary>Signals one process; false if it is gone.</summary>
    public static bool SendToProcess(int pid, int signal) => IsPosix && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
