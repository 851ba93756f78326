using Eyrie.Processes.Health;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Readiness;
using Eyrie.Processes.Telemetry;
using Eyrie.Processes.Workers;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Pools;

/// <summary>What every worker pool shares: how to launch, probe, check and stop workers, the clock, logging and metrics.</summary>
public sealed record WorkerPoolServices(
    WorkerLauncher Launcher,
    IListenerProbe Probe,
    WorkerShutdownClient ShutdownClient,
    WorkerHealthProbe HealthProbe,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    WorkerMetrics Metrics);
