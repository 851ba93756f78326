using Eyrie.Configuration.WebConfig;

namespace Eyrie.Processes.Pools;

/// <summary>One start of a worker as the pool asked for it: for which generation, for which rotation, which attempt.</summary>
internal sealed class StartTicket(int generation, Rotation? rotation, ApplicationDefinition application, AspNetCoreSettings settings, PoolSettings poolSettings)
{
    public int Generation { get; } = generation;

    /// <summary>The rotation this worker is to join; null for a start of the serving generation.</summary>
    public Rotation? Rotation { get; } = rotation;

    public ApplicationDefinition Application { get; } = application;

    public AspNetCoreSettings Settings { get; } = settings;

    /// <summary>The pool settings it starts under (its health check).</summary>
    public PoolSettings PoolSettings { get; } = poolSettings;

    public int Attempt { get; set; } = 1;
}
