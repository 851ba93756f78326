namespace Eyrie.Processes.Resources;

/// <summary>A process's memory (KB) and CPU time at one moment, as /proc reports them.</summary>
/// <param name="VirtualKb">VmSize: all mapped memory (IIS's "memory").</param>
/// <param name="ResidentKb">VmRSS: memory in RAM.</param>
/// <param name="PrivateKb">RssAnon + VmSwap: memory no other process shares (IIS's "private memory").</param>
/// <param name="CpuTime">User and system CPU time so far.</param>
/// <param name="At">When it was read (a TimeProvider timestamp).</param>
public sealed record ProcessSample(long VirtualKb, long ResidentKb, long PrivateKb, TimeSpan CpuTime, long At);
