namespace Eyrie.Processes.Workers;

/// <summary>How a worker process ended.</summary>
/// <param name="ExitCode">The exit code; 128 + n when killed by signal n.</param>
/// <param name="WasRequested">True if Eyrie had asked it to stop; false for a crash.</param>
/// <param name="At">When the exit was seen.</param>
public sealed record WorkerExit(int ExitCode, bool WasRequested, DateTimeOffset At)
{
    /// <summary>"exit code 3" or "killed by signal 9 (SIGKILL)".</summary>
    public string Description => ExitCode is > 128 and <= 192 && !OperatingSystem.IsWindows()
        ? $"killed by signal {ExitCode - 128}{SignalName(ExitCode - 128)}"
        : $"exit code {ExitCode}";

    private static string SignalName(int signal) => signal switch
    {
        2 => " (SIGINT)",
        6 => " (SIGABRT)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        15 => " (SIGTERM)",
        _ => "",
    };
}
