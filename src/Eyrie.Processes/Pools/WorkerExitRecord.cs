namespace Eyrie.Processes.Pools;

/// <summary>The last worker of a pool that exited, as status output shows it.</summary>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="Reason">How it ended: "exit code 3", "killed by signal 9 (SIGKILL)".</param>
/// <param name="Requested">Whether Eyrie asked it to stop (recycle, idle timeout, stop), as opposed to a crash.</param>
/// <param name="At">When it exited.</param>
public sealed record WorkerExitRecord(int ProcessId, string Reason, bool Requested, DateTimeOffset At);
