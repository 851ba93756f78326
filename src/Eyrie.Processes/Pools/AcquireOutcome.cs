namespace Eyrie.Processes.Pools;

/// <summary>What a request gets from a pool: the result enum of the request path.</summary>
public enum AcquireOutcome
{
    /// <summary>A ready worker to forward to (already counted as busy with this request).</summary>
    Ready,

    /// <summary>app_offline.htm is present: answer 503 with its bytes.</summary>
    Offline,

    /// <summary>No worker could be started: answer 502.5.</summary>
    StartupFailed,

    /// <summary>The app's configuration is invalid (web.config): answer 500.19.</summary>
    ConfigurationInvalid,

    /// <summary>As many requests as queueLength already wait for a worker: answer 503.2, or close the connection.</summary>
    QueueFull,

    /// <summary>The pool is stopped (rapid-fail protection, or by an operator) until it is started: answer 503, or close the connection.</summary>
    Unavailable,

    /// <summary>The pool is shutting down: answer 503.</summary>
    Stopping,
}
