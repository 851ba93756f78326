namespace Eyrie.Processes.Workers;

/// <summary>A worker's life. Only <see cref="Ready"/> workers receive requests.</summary>
public enum WorkerState
{
    /// <summary>Started, not yet listening.</summary>
    Starting,

    /// <summary>Listening on its port; in rotation.</summary>
    Ready,

    /// <summary>Out of rotation, finishing the requests it has (overlapped recycle).</summary>
    Draining,

    /// <summary>Asked to stop; being shut down.</summary>
    Stopping,

    /// <summary>The process has exited.</summary>
    Exited,
}
