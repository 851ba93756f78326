namespace Eyrie.Processes.Pools;

/// <summary>What a pool is doing, as status output shows it.</summary>
public enum WorkerPoolState
{
    /// <summary>No workers; the next request starts one (on demand).</summary>
    Idle,

    /// <summary>A worker is starting and none is ready yet.</summary>
    Starting,

    /// <summary>At least one worker is ready.</summary>
    Running,

    /// <summary>app_offline.htm is present: requests get its content with 503.</summary>
    Offline,

    /// <summary>Too many failures this minute: starts are refused until the minute is over.</summary>
    RapidFailProtected,

    /// <summary>The pool is shutting down or has shut down for good.</summary>
    Stopped,
}
