using System.Runtime.CompilerServices;
using Eyrie.Processes.Workers;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// Eyrie's own forwarder for the common case: a plain HTTP request to a local worker, over pooled HTTP/1.1
/// keep-alive connections. It does what YARP's forwarder does for such a request without building an
/// <see cref="HttpRequestMessage"/>, going through <see cref="SocketsHttpHandler"/>, or hopping threads
/// between them; profiling showed that stack costing a quarter of Eyrie's CPU per request (docs/performance.md).
/// Upgrades (WebSockets, extended CONNECT) stay on YARP, which tunnels them.
/// </summary>
public sealed class Http1Forwarder(TimeProvider time) : IDisposable
{
    private readonly ConditionalWeakTable<Worker, WorkerConnectionPool> _pools = new();
    private readonly Lock _lock = new();
    private readonly List<WorkerConnectionPool> _all = [];

    /// <summary>Whether a request can take this path: anything but a protocol upgrade or CONNECT.</summary>
    public static bool CanForward(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true
            && context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect != true
            && !HttpMethods.IsConnect(context.Request.Method);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<ForwardOutcome> ForwardAsync(EdgeRequest request, Worker worker)
    {
        var context = request.HttpContext;
        var timeout = worker.Settings.RequestTimeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : worker.Settings.RequestTimeout;
        var framing = RequestHeadWriter.FramingOf(context);
        var pool = PoolOf(worker);
        for (var attempt = 0; ; attempt++)
        {
            WorkerConnection connection;
            try
            {
                connection = await pool.RentAsync(mustBeLive: framing != RequestHeadWriter.BodyFraming.None || attempt > 0, context.RequestAborted);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return new ForwardOutcome(context.RequestAborted.IsCancellationRequested ? ForwarderError.RequestCanceled : ForwarderError.Request, ex);
            }

            var exchange = new Http1Exchange(request, connection, timeout);
            var outcome = await exchange.RunAsync(worker, framing);
            if (exchange.Reusable)
            {
                pool.Return(connection);
            }
            else if (outcome.Error != ForwarderError.None)
            {
                // The exchange broke off: reset the connection, so the app sees its request aborted (as when a
                // client leaves Kestrel directly), not a request whose body merely ended early.
                connection.Abort();
            }
            else
            {
                connection.Dispose();
            }

            if (outcome.Error == ForwarderError.None || !exchange.MayRetry || attempt > 0)
            {
                return outcome;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var pool in _all)
            {
                pool.Dispose();
            }

            _all.Clear();
        }
    }

    private WorkerConnectionPool PoolOf(Worker worker)
    {
        if (_pools.TryGetValue(worker, out var pool))
        {
            return pool;
        }

        lock (_lock)
        {
            if (_pools.TryGetValue(worker, out pool))
            {
                return pool;
            }

            pool = new WorkerConnectionPool(worker.Port, time);
            _pools.Add(worker, pool);
            _all.Add(pool);
        }

        // The worker's port may serve another app later: its idle connections go with it.
        _ = worker.Exited.ContinueWith(_ => Release(pool), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pool;
    }

    private void Release(WorkerConnectionPool pool)
    {
        pool.Dispose();
        lock (_lock)
        {
            _all.Remove(pool);
        }
    }
}
