using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Processes.Pools;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>Application pools: overlapped recycles under load, deploys, idle timeout, start modes, queue and rapid-fail protection.</summary>
public sealed class PoolTests(ITestOutputHelper output)
{
    private const int RecycleFailed = 1037;

    [Fact]
    public async Task TwentyRecyclesBackToBack_UnderLoad_WithLongRequestsAndWebSockets_FailNothing_AndLeaveNothingBehind()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
        var pool = eyrie.Pool();
        var workers = new HashSet<(int Pid, int Port)>();

        var load = LoadGenerator.Start(eyrie.BaseAddress);
        await using (load)
        {
            for (var i = 0; i < 20; i++)
            {
                workers.UnionWith(pool.Status.Workers.Select(w => (w.ProcessId, w.Port)));
                var result = await pool.RecycleAsync("test " + i);
                Assert.True(result.Succeeded, result.Message);
            }

            workers.UnionWith(pool.Status.Workers.Select(w => (w.ProcessId, w.Port)));
            await load.StopAsync();
        }

        output.WriteLine($"20 recycles: {load.Completed} short requests over {load.Answers.Count} workers, {load.LongCompleted} long requests, {load.WebSocketSessions} WebSocket sessions, {load.Failures.Count} failures");
        Assert.Empty(load.Failures);
        Assert.True(load.LongCompleted > 0 && load.WebSocketSessions > 0, $"long requests {load.LongCompleted}, WebSocket sessions {load.WebSocketSessions}");
        Assert.True(load.Answers.Count >= 10, $"the short requests saw {load.Answers.Count} workers over 20 recycles");
        var current = pool.Status.Workers.Select(w => w.ProcessId).ToHashSet();
        await Poll.UntilAsync(() => workers.Where(w => !current.Contains(w.Pid)).All(w => !ProcessInfo.IsAlive(w.Pid)), "every replaced worker has exited");

        await eyrie.StopAsync();
        Assert.All(workers, w => Assert.False(ProcessInfo.IsAlive(w.Pid), $"worker {w.Pid} is still running"));
        // Nothing a worker started outlived it either. (Its port is not checked: once the worker is gone another
        // test's process may rightly listen on it.)
        Assert.All(workers, w => Assert.Empty(ProcessInfo.SessionMembers(w.Pid)));
    }

    [Fact]
    public async Task NewVersionCopiedOverTheOld_UnderLoad_AnswersWithinSeconds_WithoutAFailedRequest()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal((200, "1"), await client.GetTextAsync("/version"));

        var load = LoadGenerator.Start(eyrie.BaseAddress, "/version", longClients: 1, webSocketClients: 1);
        await using (load)
        {
            // As rsync does: each file written beside its target, then renamed over it.
            Deploy(app, "version.txt", "2"u8.ToArray());
            Deploy(app, "Eyrie.TestBackend.dll", File.ReadAllBytes(app.Combine("Eyrie.TestBackend.dll")));
            await Poll.UntilAsync(() => load.Answers.ContainsKey("2"), "the new version answers");
            await Poll.UntilAsync(async () => (await client.GetTextAsync("/version")).Body == "2", "only the new version answers");
            await load.StopAsync();
        }

        Assert.Empty(load.Failures);
        Assert.True(load.Answers.GetValueOrDefault("1") > 0);
    }

    [Fact]
    public async Task NewVersionThatFailsToStart_LeavesTheOldOneServing_AndTheFailureIsVisible()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "good"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        var before = await client.GetTextAsync("/pid");
        var pool = eyrie.Pool();

        app.WriteWebConfig(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "bad").Environment("TESTBACKEND_EXIT_CODE", "3"));
        await Poll.UntilAsync(() => pool.Status.LastRecycle is { Succeeded: false }, "the recycle to the new version has failed");

        Assert.Equal(before, await client.GetTextAsync("/pid"));
        Assert.Equal((200, "good"), await client.GetTextAsync("/version"));
        Assert.Contains("exit code 3", pool.Status.LastRecycle!.Message, StringComparison.Ordinal);
        Assert.True(eyrie.Logs.Count(RecycleFailed) >= 1);
        Assert.Equal(WorkerPoolState.Running, pool.State);
    }

    [Fact]
    public async Task IdleTimeout_StopsTheWorkers_AndTheNextRequestStartsThemAgain()
    {
        using var app = TestApp.TestBackend();
        var config = WithPool(app.Path, new ApplicationPoolConfig { ProcessModel = new ProcessModelConfig { IdleTimeout = TimeSpan.FromSeconds(1) } });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();
        var first = await client.GetTextAsync("/pid");
        var pool = eyrie.Pool();

        await Poll.UntilAsync(() => pool.Workers.Count == 0, "the idle worker is stopped");
        Assert.False(ProcessInfo.IsAlive(int.Parse(first.Body, System.Globalization.CultureInfo.InvariantCulture)));
        var second = await client.GetTextAsync("/pid");

        Assert.Equal(200, second.Status);
        Assert.NotEqual(first.Body, second.Body);
    }

    [Fact]
    public async Task AlwaysRunning_StartsTheWorkersWithEyrie_BeforeAnyRequest()
    {
        using var app = TestApp.TestBackend();
        var config = WithPool(app.Path, new ApplicationPoolConfig { StartMode = StartMode.AlwaysRunning });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        var pool = eyrie.Pool();

        await Poll.UntilAsync(() => pool.Status.Workers.Any(w => w.InRotation), "a worker is ready without any request");
        var pid = pool.Status.Workers.Single().ProcessId;
        using var client = eyrie.CreateClient();
        Assert.Equal((200, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), await client.GetTextAsync("/pid"));
    }

    [Fact]
    public async Task FullQueue_WhileTheAppStarts_Gets503Point2_AndTheQueuedRequestsSucceed()
    {
        using var gate = new TempDirectory("gate");
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_START_GATE", gate.Combine("open")));
        var config = WithPool(app.Path, new ApplicationPoolConfig { QueueLength = 10 });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();

        // The app does not start until the six over the queue length are answered; then it is let go.
        var requests = Enumerable.Range(0, 16).Select(_ => client.GetTextAsync("/pid")).ToList();
        await Poll.UntilAsync(() => requests.Count(r => r.IsCompleted) == 6 && eyrie.Pool().Status.QueuedRequests == 10, "ten requests queue and six are refused");
        gate.Write("open", "");
        var responses = await Task.WhenAll(requests);

        Assert.Equal(10, responses.Count(r => r.Status == 200));
        Assert.All(responses.Where(r => r.Status != 200), r =>
        {
            Assert.Equal(503, r.Status);
            Assert.Contains("503.2", r.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task RapidFailProtection_StopsThePool_Answers503_UntilStartedAgain()
    {
        using var app = TestApp.TestBackend();
        var config = WithPool(app.Path, new ApplicationPoolConfig { Failure = new FailureConfig { RapidFailProtectionMaxCrashes = 2 } });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();
        var pool = eyrie.Pool();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
            await client.GetTextAsync("/crash");
            await Poll.UntilAsync(() => pool.Status.Workers.All(w => w.InRotation is false) || pool.State == WorkerPoolState.Failed, "the crashed worker has left rotation");
        }

        await Poll.UntilAsync(() => pool.State == WorkerPoolState.Failed, "the pool is stopped by rapid-fail protection");
        Assert.Equal(503, (await client.GetTextAsync("/pid")).Status);
        Assert.NotNull(pool.Status.LastFailure);

        await pool.StartAsync();
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
    }

    [Fact]
    public async Task SeveralWorkers_ShareTheRequests_AndADeadOneIsReplaced()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Set("processesPerApplication", "3"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        var pool = eyrie.Pool();
        await client.GetTextAsync("/pid");
        await Poll.UntilAsync(() => pool.Status.Workers.Count(w => w.InRotation) == 3, "three workers are ready");

        var pids = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            pids.Add((await client.GetTextAsync("/pid")).Body);
        }

        Assert.Equal(3, pids.Count);
        var victim = pool.Status.Workers[0].ProcessId;
        System.Diagnostics.Process.GetProcessById(victim).Kill();
        await Poll.UntilAsync(() => pool.Status.Workers.Count(w => w.InRotation) == 3 && pool.Status.Workers.All(w => w.ProcessId != victim), "the dead worker is replaced");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
        }
    }

    [Fact]
    public async Task HealthCheck_GatesAWorker_ThatListensButFailsIt_OutOfRotation()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Set("startupTimeLimit", "2").Environment("ASPNETCORE_ENVIRONMENT", "Development"));
        var config = WithPool(app.Path, new ApplicationPoolConfig { HealthCheck = new WorkerHealthCheckConfig { Url = "/status/503" } });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal(502, status);
        Assert.Contains("did not pass its health check", body, StringComparison.Ordinal);
        Assert.Contains("/status/503 answered 503", body, StringComparison.Ordinal);
        Assert.Equal(0, eyrie.Logs.Count(1001));
    }

    [Fact]
    public async Task HealthCheck_WithABodyMatch_LetsAHealthyWorkerServe_AndGatesEachRecycle()
    {
        using var app = TestApp.TestBackend();
        var config = WithPool(app.Path, new ApplicationPoolConfig { HealthCheck = new WorkerHealthCheckConfig { Url = "/", ResponseMatch = "TestBackend" } });
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();
        var first = await client.GetTextAsync("/pid");

        var result = await eyrie.Pool().RecycleAsync("test");

        Assert.Equal(200, first.Status);
        Assert.True(result.Succeeded, result.Message);
        Assert.NotEqual(first.Body, (await client.GetTextAsync("/pid")).Body);
    }

    private static void Deploy(TestApp app, string file, byte[] content)
    {
        var target = app.Combine(file);
        File.WriteAllBytes(target + ".tmp", content);
        File.Move(target + ".tmp", target, overwrite: true);
    }

    private static EyrieConfig WithPool(string physicalPath, ApplicationPoolConfig pool)
    {
        var config = EyrieTestHost.SingleApplication(physicalPath);
        var site = config.Sites[0];
        return config with { Sites = [site with { Applications = [site.Applications[0] with { ApplicationPool = pool }] }] };
    }
}
