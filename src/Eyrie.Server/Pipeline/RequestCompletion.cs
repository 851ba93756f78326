using System.Diagnostics;
using Eyrie.Server.Logging;
using Eyrie.Server.Telemetry;

namespace Eyrie.Server.Pipeline;

/// <summary>
/// What happens when a request is over (its response sent, or the connection gone): the observers that
/// account for it run here, after the client has its answer and before the per-connection
/// <see cref="EdgeRequest"/> is reset. Must not throw and must not block.
/// </summary>
public sealed class RequestCompletion(EdgeMetrics metrics, TrafficMonitor traffic, AccessLogs accessLogs)
{
    internal void Start(EdgeRequest request)
    {
        request.StartTimestamp = Stopwatch.GetTimestamp();

        // Kept before a rewrite or a custom error page changes them: the access log shows what the client asked for.
        var target = request.HttpContext.Request;
        request.RequestPath = target.Path.Value;
        request.RequestQuery = target.QueryString.Value;
        metrics.RequestStarted();
    }

    internal void Complete(EdgeRequest request)
    {
        // Measured once, for every observer.
        var elapsed = Stopwatch.GetElapsedTime(request.StartTimestamp);
        metrics.RequestCompleted(request, elapsed);
        traffic.Record(request, elapsed);
        accessLogs.Log(request, elapsed);
    }
}
