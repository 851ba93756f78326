namespace Eyrie.Processes.Pools;

/// <summary>What a request gets from a pool: the result enum of the request path.</summary>
public enum AcquireOutcome
{
    /// <summary>A ready worker to forward to.</summary>
    Ready,

    /// <summary>app_offline.htm is present: answer 503 with its bytes.</summary>
    Offline,

    /// <summary>No worker could be started: answer 502.5.</summary>
    StartupFailed,

    /// <summary>The app's configuration is invalid (web.config): answer 500.19.</summary>
    ConfigurationInvalid,

    /// <summary>The pool is shutting down: answer 503.</summary>
    Stopping,
}
