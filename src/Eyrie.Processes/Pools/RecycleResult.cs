namespace Eyrie.Processes.Pools;

/// <summary>The outcome of a recycle: done (or nothing to do), or failed with the old workers still serving.</summary>
public sealed record RecycleResult(bool Succeeded, string Message);
