namespace Eyrie.Processes.Pools;

/// <summary>
/// Owns every worker pool. Applying a configuration is two steps, so that nothing changes unless the
/// whole configuration is applied: <see cref="Prepare"/> keeps the pools whose definition is unchanged
/// (their workers are left alone) and creates new ones; <see cref="Commit"/> makes that the current set
/// and stops the pools no longer wanted; <see cref="PoolPlan.DiscardAsync"/> throws the new ones away.
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

    /// <summary>Raised when an application's web.config changes (from a pool's loop: handlers must return at once).</summary>
    public event Action<ApplicationDefinition>? WebConfigChanged;

    /// <summary>The pools for <paramref name="applications"/>: reused where unchanged, created otherwise. Pools start no worker until asked.</summary>
    public PoolPlan Prepare(IEnumerable<ApplicationDefinition> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var next = new Dictionary<ApplicationDefinition, WorkerPool>();
        var created = new List<WorkerPool>();
        lock (_lock)
        {
            foreach (var application in applications)
            {
                if (next.ContainsKey(application))
                {
                    continue;
                }

                if (!_pools.TryGetValue(application, out var pool))
                {
                    pool = new WorkerPool(application, services);
                    pool.WebConfigChanged += changed => WebConfigChanged?.Invoke(changed.Application);
                    created.Add(pool);
                }

                next[application] = pool;
            }
        }

        return new PoolPlan(next, created);
    }

    /// <summary>Makes <paramref name="plan"/> current; returns the stop of the pools it dropped (their workers finish their requests first).</summary>
    public Task Commit(PoolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        List<WorkerPool> retired;
        lock (_lock)
        {
            retired = [.. _pools.Values.Where(p => !plan.Pools.Values.Contains(p))];
            _pools = new Dictionary<ApplicationDefinition, WorkerPool>(plan.Pools);
        }

        return Task.WhenAll(retired.Select(p => p.DisposeAsync().AsTask()));
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
