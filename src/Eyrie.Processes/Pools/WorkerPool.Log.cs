using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Pools;

/// <summary>The pool's log messages, with stable event ids.</summary>
public sealed partial class WorkerPool
{
    [LoggerMessage(EventId = EventIds.WorkerReady, Level = LogLevel.Information, Message = "{Worker} is ready after {Milliseconds:0} ms")]
    private static partial void LogReady(ILogger logger, string worker, double milliseconds);

    [LoggerMessage(EventId = EventIds.WorkerStartFailed, Level = LogLevel.Error, Message = "{Application}: start attempt {Attempt} failed: {Reason}\nLast output of the process:\n{Output}")]
    private static partial void LogStartFailed(ILogger logger, string application, int attempt, string reason, string output);

    [LoggerMessage(EventId = EventIds.RapidFailLimitReached, Level = LogLevel.Error, Message = "{Application}: maximum rapid fail count per minute of '{Limit}' exceeded; no process is started until {Until:HH:mm:ss} UTC")]
    private static partial void LogRapidFail(ILogger logger, string application, int limit, DateTimeOffset until);

    [LoggerMessage(EventId = EventIds.PoolRapidFailProtection, Level = LogLevel.Critical, Message = "{Application}: {Count} failures within {Interval}: the pool is stopped and answers 503 until it is started (eyrie app start)")]
    private static partial void LogPoolFailed(ILogger logger, string application, int count, TimeSpan interval);

    [LoggerMessage(EventId = EventIds.WorkerCrashed, Level = LogLevel.Error, Message = "{Worker} exited unexpectedly: {Exit}")]
    private static partial void LogCrashed(ILogger logger, string worker, string exit);

    [LoggerMessage(EventId = EventIds.WorkerExited, Level = LogLevel.Information, Message = "{Worker} exited: {Exit}")]
    private static partial void LogExited(ILogger logger, string worker, string exit);

    [LoggerMessage(EventId = EventIds.AppOfflineDetected, Level = LogLevel.Information, Message = "{Application} was taken offline: app_offline.htm detected; its workers are being stopped")]
    private static partial void LogAppOffline(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.AppOfflineRemoved, Level = LogLevel.Information, Message = "{Application}: app_offline.htm removed; the next request starts the app")]
    private static partial void LogAppOfflineRemoved(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.FileChangeRecycle, Level = LogLevel.Information, Message = "{Application}: files changed ({Files}); recycling")]
    private static partial void LogFilesChanged(ILogger logger, string application, string files);

    [LoggerMessage(EventId = EventIds.Recycling, Level = LogLevel.Information, Message = "{Application}: recycling ({Reason}); the current workers serve until the new ones are ready")]
    private static partial void LogRecycling(ILogger logger, string application, string reason);

    [LoggerMessage(EventId = EventIds.Recycled, Level = LogLevel.Information, Message = "{Application} recycled ({Reason}): {Outcome}")]
    private static partial void LogRecycled(ILogger logger, string application, string reason, string outcome);

    [LoggerMessage(EventId = EventIds.RecycleFailed, Level = LogLevel.Error, Message = "{Application}: recycle ({Reason}) failed: {Outcome}")]
    private static partial void LogRecycleFailed(ILogger logger, string application, string reason, string outcome);

    [LoggerMessage(EventId = EventIds.WorkerReplacing, Level = LogLevel.Information, Message = "Replacing {Worker}: {Reason}")]
    private static partial void LogReplacing(ILogger logger, string worker, string reason);

    [LoggerMessage(EventId = EventIds.IdleTimeout, Level = LogLevel.Information, Message = "{Application}: no request for {IdleTimeout}; stopping its workers until the next request")]
    private static partial void LogIdle(ILogger logger, string application, TimeSpan idleTimeout);

    [LoggerMessage(EventId = EventIds.HealthCheckFailed, Level = LogLevel.Warning, Message = "{Worker} failed its health check ({Failures} in a row): {Detail}")]
    private static partial void LogHealthCheckFailed(ILogger logger, string worker, string detail, int failures);

    [LoggerMessage(EventId = EventIds.PoolQueueFull, Level = LogLevel.Warning, Message = "{Application}: {QueueLength} requests already wait for a worker (queueLength); refusing more")]
    private static partial void LogQueueFull(ILogger logger, string application, int queueLength);

    [LoggerMessage(EventId = EventIds.PoolStarted, Level = LogLevel.Information, Message = "{Application} was started")]
    private static partial void LogStarted(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.PoolStoppedByOperator, Level = LogLevel.Information, Message = "{Application} was stopped; it answers 503 until it is started")]
    private static partial void LogStoppedByOperator(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.InProcessHostingModel, Level = LogLevel.Information, Message = "{Application}: web.config asks for hostingModel=\"inprocess\"; Eyrie runs the app out of process")]
    private static partial void LogInProcess(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.ConfigurationInvalid, Level = LogLevel.Error, Message = "{Application} cannot start: {Errors}")]
    private static partial void LogConfigurationInvalid(ILogger logger, string application, string errors);

    [LoggerMessage(EventId = EventIds.PoolStopping, Level = LogLevel.Information, Message = "Stopping {Application}")]
    private static partial void LogPoolStopping(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.WatcherFailed, Level = LogLevel.Warning, Message = "{Application}: watching the app folder failed ({Reason}); checking it again")]
    private static partial void LogWatcherFailed(ILogger logger, string application, string reason);

    [LoggerMessage(EventId = EventIds.PoolHandlerFailed, Level = LogLevel.Critical, Message = "{Application}: handling {Command} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string application, string command, Exception exception);
}
