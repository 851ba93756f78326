using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>What the request path reads without asking the pool loop: replaced whole on every change.</summary>
internal sealed record PoolSnapshot(Worker[] Ready, byte[]? OfflinePage, bool Stopped, AspNetCoreSettings? Settings)
{
    public static PoolSnapshot Initial { get; } = new([], null, false, null);
}
