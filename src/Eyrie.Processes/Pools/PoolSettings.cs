using Eyrie.Configuration.Http;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Processes.Health;

namespace Eyrie.Processes.Pools;

/// <summary>An application pool's settings with every default filled in (IIS's, unless Eyrie's own setting).</summary>
public sealed record PoolSettings
{
    public StartMode StartMode { get; init; }

    public int QueueLength { get; init; } = ApplicationPoolConfig.DefaultQueueLength;

    public WorkerLoadBalancing LoadBalancing { get; init; }

    /// <summary>Zero: never.</summary>
    public TimeSpan IdleTimeout { get; init; } = ProcessModelConfig.DefaultIdleTimeout;

    public bool DisallowOverlappingRotation { get; init; }

    public bool DisallowRotationOnConfigChange { get; init; }

    public bool RecycleOnDeploy { get; init; } = true;

    public TimeSpan QuietPeriod { get; init; } = RecyclingConfig.DefaultQuietPeriod;

    /// <summary>Zero: never.</summary>
    public TimeSpan PeriodicTime { get; init; } = PeriodicRestartConfig.DefaultTime;

    /// <summary>Zero: never.</summary>
    public long PeriodicRequests { get; init; }

    /// <summary>Virtual memory limit in KB; zero: none.</summary>
    public long MemoryKb { get; init; }

    /// <summary>Private memory limit in KB; zero: none.</summary>
    public long PrivateMemoryKb { get; init; }

    /// <summary>Local times of day at which the pool recycles.</summary>
    public IReadOnlyList<TimeSpan> Schedule { get; init; } = [];

    public bool RapidFailProtection { get; init; } = true;

    public int RapidFailProtectionMaxCrashes { get; init; } = FailureConfig.DefaultMaxCrashes;

    public TimeSpan RapidFailProtectionInterval { get; init; } = FailureConfig.DefaultInterval;

    /// <summary>Refuse by closing the connection rather than with 503 (IIS's TcpLevel).</summary>
    public bool RefuseAtTcpLevel { get; init; }

    public WorkerHealthCheck? HealthCheck { get; init; }

    public static PoolSettings Default { get; } = new();

    public static PoolSettings From(ApplicationPoolConfig? config)
    {
        if (config is null)
        {
            return Default;
        }

        var recycling = config.Recycling;
        var periodic = recycling?.PeriodicRestart;
        var failure = config.Failure;
        return new PoolSettings
        {
            StartMode = config.StartMode ?? StartMode.OnDemand,
            QueueLength = config.QueueLength ?? ApplicationPoolConfig.DefaultQueueLength,
            LoadBalancing = config.LoadBalancing ?? WorkerLoadBalancing.RoundRobin,
            IdleTimeout = config.ProcessModel?.IdleTimeout ?? ProcessModelConfig.DefaultIdleTimeout,
            DisallowOverlappingRotation = recycling?.DisallowOverlappingRotation ?? false,
            DisallowRotationOnConfigChange = recycling?.DisallowRotationOnConfigChange ?? false,
            RecycleOnDeploy = recycling?.RecycleOnDeploy ?? true,
            QuietPeriod = recycling?.QuietPeriod ?? RecyclingConfig.DefaultQuietPeriod,
            PeriodicTime = periodic?.Time ?? PeriodicRestartConfig.DefaultTime,
            PeriodicRequests = periodic?.Requests ?? 0,
            MemoryKb = periodic?.Memory ?? 0,
            PrivateMemoryKb = periodic?.PrivateMemory ?? 0,
            Schedule = [.. (periodic?.Schedule?.Add ?? []).Select(s => s.Value).Order()],
            RapidFailProtection = failure?.RapidFailProtection ?? true,
            RapidFailProtectionMaxCrashes = failure?.RapidFailProtectionMaxCrashes ?? FailureConfig.DefaultMaxCrashes,
            RapidFailProtectionInterval = failure?.RapidFailProtectionInterval ?? FailureConfig.DefaultInterval,
            RefuseAtTcpLevel = failure?.LoadBalancerCapabilities == LoadBalancerCapabilities.TcpLevel,
            HealthCheck = config.HealthCheck is { } health ? new WorkerHealthCheck(
                health.Url,
                health.Interval ?? TimeSpan.Zero,
                health.Timeout ?? WorkerHealthCheckConfig.DefaultTimeout,
                StatusCodeRanges.Parse(health.StatusCodes),
                string.IsNullOrEmpty(health.ResponseMatch) ? null : health.ResponseMatch,
                health.UnhealthyThreshold ?? 3) : null,
        };
    }
}
