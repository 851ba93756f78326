namespace Eyrie.Processes.Pools;

/// <summary>
/// Owns every worker pool. Applying a configuration keeps the pools whose definition is unchanged
/// (their workers are left alone), creates new ones, and stops the ones no longer wanted.
/// </summary>
public sealed class WorkerPoolManager(WorkerPoolServices services) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Dictionary<ApplicationDefinition, WorkerPool> _pools = [];

    public IReadOnlyCollection<WorkerPool> Pools
    {
        get
        {
            lock (_lock)
            {
                return [.. _pools.Values];
            }
        }
    }

    /// <summary>
    /// Makes the set of pools match <paramref name="applications"/>. Returns the pool of each
    /// application, and stops (in the background of the returned task) the pools that were dropped.
    /// </summary>
    public (IReadOnlyDictionary<ApplicationDefinition, WorkerPool> Pools, Task Retired) Apply(IEnumerable<ApplicationDefinition> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        List<WorkerPool> retired;
        Dictionary<ApplicationDefinition, WorkerPool> next = [];
        lock (_lock)
        {
            foreach (var application in applications)
            {
                if (next.ContainsKey(application))
                {
                    continue;
                }

                next[application] = _pools.TryGetValue(application, out var existing) ? existing : new WorkerPool(application, services);
            }

            retired = [.. _pools.Where(p => !next.ContainsKey(p.Key)).Select(p => p.Value)];
            _pools = next;
        }

        return (next, Task.WhenAll(retired.Select(p => p.DisposeAsync().AsTask())));
    }

    /// <summary>Stops every pool gracefully; completes when no worker process is left.</summary>
    public async Task StopAllAsync()
    {
        List<WorkerPool> pools;
        lock (_lock)
        {
            pools = [.. _pools.Values];
        }

        await Task.WhenAll(pools.Select(p => p.StopAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        List<WorkerPool> pools;
        lock (_lock)
        {
            pools = [.. _pools.Values];
            _pools = [];
        }

        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask()));
    }
}
