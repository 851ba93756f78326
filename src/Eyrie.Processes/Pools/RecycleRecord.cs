namespace Eyrie.Processes.Pools;

/// <summary>A recycle as status output shows it.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Reason">Why it ran.</param>
/// <param name="Succeeded">Whether the new workers took over.</param>
/// <param name="Message">What happened.</param>
public sealed record RecycleRecord(DateTimeOffset At, string Reason, bool Succeeded, string Message);
