namespace Eyrie.Processes.Pools;

/// <summary>A full recycle asked for while another rotation runs: it starts when that one ends.</summary>
internal sealed class PendingRecycle(string reason)
{
    public string Reason { get; set; } = reason;

    public List<TaskCompletionSource<RecycleResult>> Completions { get; } = [];
}
