using System.Net;
using System.Net.Sockets;
using Eyrie.Server.Forwarding.Http1;
using Eyrie.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Server.Tests.Forwarding.Http1;

/// <summary>The pool's sweep against a real loopback listener standing in for a worker; time is fake.</summary>
public sealed class WorkerConnectionPoolTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TcpListener _worker = new(IPAddress.Loopback, 0);

    public WorkerConnectionPoolTests() => _worker.Start();

    private int Port => ((IPEndPoint)_worker.LocalEndpoint).Port;

    public void Dispose() => _worker.Dispose();

    [Fact]
    public async Task IdleConnectionTheWorkerClosed_IsClosedByTheSweep_NotKeptUntilReuse()
    {
        using var pool = new WorkerConnectionPool(Port, _time);
        var connection = await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken);
        using (var accepted = await _worker.AcceptSocketAsync(TestContext.Current.CancellationToken))
        {
            pool.Return(connection);
        }

        // The worker's end is closed; wait until Eyrie's kernel has seen the FIN, then let one sweep run.
        await Poll.UntilAsync(() => !connection.IsUsable(), "the worker's close reached the idle connection");
        Assert.Equal(1, pool.IdleCount);
        _time.Advance(WorkerConnectionPool.SweepInterval);

        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public async Task LiveIdleConnection_IsKeptBySweeps_UntilItIsIdleForMaxIdle_ThenClosed()
    {
        using var pool = new WorkerConnectionPool(Port, _time);
        var connection = await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken);
        using var accepted = await _worker.AcceptSocketAsync(TestContext.Current.CancellationToken);
        pool.Return(connection);

        _time.Advance(WorkerConnectionPool.SweepInterval);
        Assert.Equal(1, pool.IdleCount);

        while (_time.GetElapsedTime(connection.IdleSince) < WorkerConnectionPool.MaxIdle)
        {
            _time.Advance(WorkerConnectionPool.SweepInterval);
        }

        Assert.Equal(0, pool.IdleCount);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await accepted.ReceiveAsync(new byte[1], SocketFlags.None, timeout.Token)); // the worker sees the close
    }

    [Fact]
    public async Task Sweep_KeepsTheMostRecentlyUsedConnectionOnTop()
    {
        using var pool = new WorkerConnectionPool(Port, _time);
        var older = await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken);
        using var acceptedOlder = await _worker.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var newer = await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken);
        using var acceptedNewer = await _worker.AcceptSocketAsync(TestContext.Current.CancellationToken);
        pool.Return(older);
        pool.Return(newer);

        _time.Advance(WorkerConnectionPool.SweepInterval);

        Assert.Equal(2, pool.IdleCount);
        Assert.Same(newer, await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken));
        Assert.Same(older, await pool.RentAsync(mustBeLive: true, TestContext.Current.CancellationToken));
        newer.Dispose();
        older.Dispose();
    }
}
