using Eyrie.Configuration.Model.Pools;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>What the request path reads without asking the pool loop: replaced whole on every change.</summary>
/// <param name="Ready">The workers in rotation.</param>
/// <param name="OfflinePage">app_offline.htm's bytes while it is present.</param>
/// <param name="Refusal">The answer for every request while the pool takes none (shut down, failed, stopped).</param>
/// <param name="Settings">The serving generation's settings.</param>
/// <param name="LoadBalancing">How to pick among <paramref name="Ready"/>.</param>
internal sealed record PoolSnapshot(Worker[] Ready, byte[]? OfflinePage, AcquireResult? Refusal, AspNetCoreSettings? Settings, WorkerLoadBalancing LoadBalancing)
{
    public static PoolSnapshot Initial { get; } = new([], null, null, null, WorkerLoadBalancing.RoundRobin);
}
