namespace Eyrie.Processes.Pools;

/// <summary>The pools a configuration will use: existing ones kept and new ones created, not yet in effect.</summary>
/// <param name="Pools">The pool of each application.</param>
/// <param name="Created">The pools this plan created (disposed if the plan is aborted).</param>
/// <param name="Reconfigured">Kept pools whose definition changes when the plan is committed.</param>
public sealed record PoolPlan(
    IReadOnlyDictionary<ApplicationDefinition, WorkerPool> Pools,
    IReadOnlyList<WorkerPool> Created,
    IReadOnlyList<(WorkerPool Pool, ApplicationDefinition Application)> Reconfigured)
{
    /// <summary>Throws away the pools this plan created, when it is not committed.</summary>
    public Task DiscardAsync() => Task.WhenAll(Created.Select(p => p.DisposeAsync().AsTask()));
}
