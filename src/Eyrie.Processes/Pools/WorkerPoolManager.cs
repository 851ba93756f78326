namespace Eyrie.Processes.Pools;

/// <summary>
/// Owns every worker pool, one per application (site/path). Applying a configuration is two steps, so that
/// nothing changes unless the whole configuration is applied: <see cref="Prepare"/> keeps the pool of every
/// application that stays (its workers are left alone) and creates the new ones; <see cref="Commit"/> makes
/// that the current set, hands changed definitions to their pools (which recycle, overlapped, if their
/// workers would differ) and shuts down the pools no longer wanted; <see cref="PoolPlan.DiscardAsync"/> throws
/// the new ones away.
/// </summary>
public sealed class WorkerPoolManager(WorkerPoolServices services) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Dictionary<string, WorkerPool> _pools = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>The pool of an application, by its name <c>site/path</c> (any letter case), or null.</summary>
    public WorkerPool? Find(string displayName)
    {
        lock (_lock)
        {
            return _pools.GetValueOrDefault(displayName);
        }
    }

    /// <summary>The pools for <paramref name="applications"/>: kept where the application stays, created otherwise. New pools start no worker unless AlwaysRunning.</summary>
    public PoolPlan Prepare(IEnumerable<ApplicationDefinition> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var next = new Dictionary<ApplicationDefinition, WorkerPool>();
        var created = new List<WorkerPool>();
        var reconfigured = new List<(WorkerPool, ApplicationDefinition)>();
        lock (_lock)
        {
            foreach (var application in applications)
            {
                if (next.ContainsKey(application))
                {
                    continue;
                }

                if (!_pools.TryGetValue(application.DisplayName, out var pool))
                {
                    pool = new WorkerPool(application, services);
                    pool.WebConfigChanged += changed => WebConfigChanged?.Invoke(changed.Application);
                    created.Add(pool);
                }
                else if (pool.Application != application)
                {
                    reconfigured.Add((pool, application));
                }

                next[application] = pool;
            }
        }

        return new PoolPlan(next, created, reconfigured);
    }

    /// <summary>Makes <paramref name="plan"/> current; returns the shutdown of the pools it dropped (their workers finish their requests first).</summary>
    public Task Commit(PoolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        List<WorkerPool> retired;
        lock (_lock)
        {
            var kept = plan.Pools.Values.ToHashSet();
            retired = [.. _pools.Values.Where(p => !kept.Contains(p))];
            _pools = plan.Pools.ToDictionary(p => p.Key.DisplayName, p => p.Value, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (pool, application) in plan.Reconfigured)
        {
            pool.Reconfigure(application);
        }

        return Task.WhenAll(retired.Select(p => p.DisposeAsync().AsTask()));
    }

    /// <summary>Shuts every pool down gracefully; completes when no worker process is left.</summary>
    public async Task StopAllAsync()
    {
        List<WorkerPool> pools;
        lock (_lock)
        {
            pools = [.. _pools.Values];
        }

        await Task.WhenAll(pools.Select(p => p.ShutdownAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        List<WorkerPool> pools;
        lock (_lock)
        {
            pools = [.. _pools.Values];
            _pools = new Dictionary<string, WorkerPool>(StringComparer.OrdinalIgnoreCase);
        }

        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask()));
    }
}
