using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>
/// How an application's workers are kept, named as IIS's application pool (<c>applicationPools/add</c>):
/// start mode, request queue, idle timeout, recycling and rapid-fail protection; plus Eyrie's load balancing
/// over the workers and a health check that gates and watches them. The number of workers is
/// <c>aspNetCore/@processesPerApplication</c>, as in ANCM.
/// </summary>
public sealed record ApplicationPoolConfig
{
    public const int DefaultQueueLength = 1000;

    [Description("OnDemand (default): workers start with the first request. AlwaysRunning: they start with Eyrie and are kept up.")]
    public StartMode? StartMode { get; init; }

    [Description("Requests that may wait for a worker to start (IIS default 1000); more get 503, or a closed connection with failure.loadBalancerCapabilities TcpLevel.")]
    [Range(10, 65535)]
    public int? QueueLength { get; init; }

    [Description("How requests are spread over the ready workers: RoundRobin (default, as ANCM), LeastRequests or PowerOfTwoChoices.")]
    public WorkerLoadBalancing? LoadBalancing { get; init; }

    [Description("IIS's processModel: the idle timeout.")]
    public ProcessModelConfig? ProcessModel { get; init; }

    [Description("IIS's recycling: overlapped restarts by schedule, request count, memory, file changes.")]
    public RecyclingConfig? Recycling { get; init; }

    [Description("IIS's failure: rapid-fail protection of the pool.")]
    public FailureConfig? Failure { get; init; }

    [Description("An HTTP check of each worker: it must pass before the worker gets traffic and, with an interval, while it serves (a failing worker is replaced).")]
    public WorkerHealthCheckConfig? HealthCheck { get; init; }
}
