namespace Eyrie.Processes.Pools;

/// <summary>What a pool is doing, as status output shows it.</summary>
public enum WorkerPoolState
{
    /// <summary>No workers; the next request starts them (on demand).</summary>
    Idle,

    /// <summary>Workers are starting and none is ready yet.</summary>
    Starting,

    /// <summary>At least one worker is ready.</summary>
    Running,

    /// <summary>Ready workers serve while their replacements start.</summary>
    Recycling,

    /// <summary>app_offline.htm is present: requests get its content with 503.</summary>
    Offline,

    /// <summary>Too many failures this minute (ANCM): starts are refused until the minute is over.</summary>
    RapidFailProtected,

    /// <summary>Too many failures within failure.rapidFailProtectionInterval (IIS): stopped, answering 503, until started.</summary>
    Failed,

    /// <summary>Stopped by an operator: answering 503 until started.</summary>
    Stopped,

    /// <summary>The pool has shut down for good (Eyrie is stopping, or the application was removed).</summary>
    ShutDown,
}
