namespace Eyrie.Processes.Workers;

/// <summary>Why a worker could not serve: the exit-result enum the restart policy and error pages use.</summary>
public enum WorkerFailureKind
{
    /// <summary>The app cannot be started as configured (web.config invalid, program missing, bad fixed port).</summary>
    ConfigurationInvalid,

    /// <summary>The process could not be created.</summary>
    LaunchFailed,

    /// <summary>The process exited before it listened on its port.</summary>
    ExitedDuringStartup,

    /// <summary>The process did not listen within startupTimeLimit and was killed.</summary>
    StartupTimeout,

    /// <summary>Another process holds the port the worker was given.</summary>
    PortOwnedByOtherProcess,

    /// <summary>More failures this minute than rapidFailsPerMinute allows; no start was attempted.</summary>
    RapidFailLimit,

    /// <summary>The process listened but did not pass the pool's health check within startupTimeLimit.</summary>
    HealthCheckFailed,

    /// <summary>A ready worker exited without being asked to.</summary>
    Crashed,

    /// <summary>Too many failures within failure.rapidFailProtectionInterval: the pool was stopped.</summary>
    PoolRapidFailProtection,
}
