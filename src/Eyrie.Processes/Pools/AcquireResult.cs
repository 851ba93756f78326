using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>The answer of <see cref="WorkerPool.AcquireAsync"/>: a worker, or why there is none.</summary>
public readonly record struct AcquireResult(AcquireOutcome Outcome, Worker? Worker, byte[]? OfflinePage, WorkerFailure? Failure, AspNetCoreSettings? Settings)
{
    public static AcquireResult ForWorker(Worker worker) => new(AcquireOutcome.Ready, worker, null, null, worker.Settings);

    public static AcquireResult ForOffline(byte[] page) => new(AcquireOutcome.Offline, null, page, null, null);

    public static AcquireResult ForStopping() => new(AcquireOutcome.Stopping, null, null, null, null);

    public static AcquireResult ForFailure(WorkerFailure failure, AspNetCoreSettings? settings) =>
        new(failure.Kind == WorkerFailureKind.ConfigurationInvalid ? AcquireOutcome.ConfigurationInvalid : AcquireOutcome.StartupFailed, null, null, failure, settings);
}
