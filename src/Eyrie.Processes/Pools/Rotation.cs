using Eyrie.Configuration.WebConfig;

namespace Eyrie.Processes.Pools;

/// <summary>
/// A replacement under way: new workers start, and once all are ready they take the traffic and the ones
/// they replace drain and stop. A full recycle replaces every worker with a new generation (possibly with a
/// new definition and settings); a worker replacement swaps one worker within its generation.
/// </summary>
internal sealed class Rotation(bool isFullRecycle, string reason, int generation, int target, IReadOnlyList<PoolMember> replaced, ApplicationDefinition application, AspNetCoreSettings settings, PoolSettings poolSettings, long startedAt)
{
    /// <summary>Every worker is replaced with a new generation (else one worker within its generation).</summary>
    public bool IsFullRecycle { get; } = isFullRecycle;

    public string Reason { get; } = reason;

    public int Generation { get; } = generation;

    /// <summary>How many new workers must be ready before the switch.</summary>
    public int Target { get; } = target;

    public IReadOnlyList<PoolMember> Replaced { get; } = replaced;

    public ApplicationDefinition Application { get; } = application;

    public AspNetCoreSettings Settings { get; } = settings;

    public PoolSettings PoolSettings { get; } = poolSettings;

    public long StartedAt { get; } = startedAt;

    public List<PoolMember> Incoming { get; } = [];

    public List<TaskCompletionSource<RecycleResult>> Completions { get; } = [];

    public int ReadyCount => Incoming.Count(m => m.Worker.State == Workers.WorkerState.Ready);
}
