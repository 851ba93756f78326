using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>The answer of <see cref="WorkerPool.AcquireAsync"/>: a worker, or why there is none.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Worker">The worker, for <see cref="AcquireOutcome.Ready"/>; call <see cref="Workers.Worker.OnRequestEnd"/> when the request ends.</param>
/// <param name="OfflinePage">app_offline.htm's bytes, for <see cref="AcquireOutcome.Offline"/>.</param>
/// <param name="Failure">Why no worker could start, or why the pool is unavailable.</param>
/// <param name="Settings">The app's settings as last resolved (error page choices).</param>
/// <param name="RefuseAtTcpLevel">Close the connection instead of answering (IIS's loadBalancerCapabilities TcpLevel).</param>
public readonly record struct AcquireResult(AcquireOutcome Outcome, Worker? Worker, byte[]? OfflinePage, WorkerFailure? Failure, AspNetCoreSettings? Settings, bool RefuseAtTcpLevel = false)
{
    public static AcquireResult ForWorker(Worker worker) => new(AcquireOutcome.Ready, worker, null, null, worker.Settings);

    public static AcquireResult ForOffline(byte[] page) => new(AcquireOutcome.Offline, null, page, null, null);

    public static AcquireResult ForStopping() => new(AcquireOutcome.Stopping, null, null, null, null);

    public static AcquireResult ForQueueFull(bool tcpLevel) => new(AcquireOutcome.QueueFull, null, null, null, null, tcpLevel);

    public static AcquireResult ForUnavailable(WorkerFailure? reason, bool tcpLevel) => new(AcquireOutcome.Unavailable, null, null, reason, null, tcpLevel);

    public static AcquireResult ForFailure(WorkerFailure failure, AspNetCoreSettings? settings) =>
        new(failure.Kind == WorkerFailureKind.ConfigurationInvalid ? AcquireOutcome.ConfigurationInvalid : AcquireOutcome.StartupFailed, null, null, failure, settings);
}
