using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Processes.Pools;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>How Eyrie starts, watches and stops an app's process, as ANCM does (iis-ancm.md §2.5–§2.9).</summary>
public sealed class WorkerLifecycleTests(ITestOutputHelper output)
{
    private const int StartFailedEvent = 1002;

    [Fact]
    public async Task StartFailure_InDevelopment_Gets502Point5_WithTheReasonAndTheAppsOutput()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("TESTBACKEND_EXIT_CODE", "3")
            .Environment("ASPNETCORE_ENVIRONMENT", "Development"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal(502, status);
        Assert.Contains("502.5 - ANCM Out-Of-Process Startup Failure", body, StringComparison.Ordinal);
        Assert.Contains("exit code 3", body, StringComparison.Ordinal);
        Assert.Contains("failing at startup as configured", body, StringComparison.Ordinal);
        Assert.Contains("Eyrie.TestBackend.dll", body, StringComparison.Ordinal);

        // Two attempts per trigger, as ANCM; each logged with the app's output.
        Assert.Equal(2, eyrie.Logs.Count(StartFailedEvent));
        Assert.True(eyrie.Logs.Contains(StartFailedEvent, "failing at startup as configured"));
    }

    [Fact]
    public async Task StartFailure_OutsideDevelopment_HidesTheDetails_ButLogsThem()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_EXIT_CODE", "4"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal(502, status);
        Assert.Contains("502.5", body, StringComparison.Ordinal);
        Assert.DoesNotContain("failing at startup", body, StringComparison.Ordinal);
        Assert.True(eyrie.Logs.Contains(StartFailedEvent, "failing at startup as configured (exit code 4)"));
    }

    [Fact]
    public async Task DisableStartUpErrorPage_Sends502WithoutABody()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("TESTBACKEND_EXIT_CODE", "4")
            .Set("disableStartUpErrorPage", "true"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal((502, ""), (status, body));
    }

    [Fact]
    public async Task AppThatNeverListens_IsKilledAfterStartupTimeLimit_And502Point5()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("TESTBACKEND_NEVER_LISTEN", "1")
            .Environment("ASPNETCORE_ENVIRONMENT", "Development")
            .Set("startupTimeLimit", "2"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal(502, status);
        Assert.Contains("did not listen on port", body, StringComparison.Ordinal);
        Assert.Contains("within startupTimeLimit (2 s)", body, StringComparison.Ordinal);
        Assert.Contains("running without ever listening", body, StringComparison.Ordinal);
        await Poll.UntilAsync(() => eyrie.Pool().Workers.Count == 0, "the killed workers have exited");
    }

    [Fact]
    public async Task CrashMidRequest_Gets502Point3_AndANewWorkerReplacesIt()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        var firstPid = (await client.GetTextAsync("/pid")).Body;
        var inFlight = client.GetTextAsync("/hang");
        await Poll.UntilAsync(() => eyrie.Pool().Workers.Single().Output.ReadTail().Contains("/hang started", StringComparison.Ordinal), "another request is in flight in the app");

        var (status, body) = await client.GetTextAsync("/crash");

        Assert.Equal(502, status);
        Assert.Contains("502.3 - Bad Gateway", body, StringComparison.Ordinal);
        var (inFlightStatus, inFlightBody) = await inFlight;
        Assert.Equal(502, inFlightStatus);
        Assert.Contains("502.3 - Bad Gateway", inFlightBody, StringComparison.Ordinal);
        var dead = int.Parse(firstPid, System.Globalization.CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => !ProcessInfo.IsAlive(dead), "the crashed worker is gone");
        await Poll.UntilAsync(() => eyrie.Pool().Workers.All(w => w.ProcessId != dead), "Eyrie noticed the crash");
        var (nextStatus, nextPid) = await client.GetTextAsync("/pid");
        Assert.Equal(200, nextStatus);
        Assert.NotEqual(firstPid, nextPid);
        Assert.True(eyrie.Logs.Contains(1008, "exited unexpectedly"));
    }

    [Fact]
    public async Task RapidFailLimit_StopsStartingTheApp_AndSaysWhy()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("TESTBACKEND_EXIT_CODE", "5")
            .Environment("ASPNETCORE_ENVIRONMENT", "Development")
            .Set("rapidFailsPerMinute", "1"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        // First request: two attempts fail (2 failures > limit 1). Second: refused without starting anything.
        var first = await client.GetTextAsync("/pid");
        var second = await client.GetTextAsync("/pid");

        Assert.Equal(502, first.Status);
        Assert.Equal(502, second.Status);
        Assert.Contains("Maximum rapid fail count per minute of &#x27;1&#x27; exceeded", second.Body, StringComparison.Ordinal);
        Assert.Equal(2, eyrie.Logs.Count(1000));
        Assert.Equal(WorkerPoolState.RapidFailProtected, eyrie.Pool().State);
    }

    [Fact]
    public async Task HangingRequest_Gets502Point3_AfterRequestTimeout()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Set("requestTimeout", "00:00:02"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);

        var (status, body) = await client.GetTextAsync("/hang");

        Assert.Equal(502, status);
        Assert.Contains("The operation timed out (requestTimeout)", body, StringComparison.Ordinal);

        // requestTimeout is an inactivity limit: a slower but steady request is not cut.
        Assert.Equal((200, "done"), await client.GetTextAsync("/delay/1000"));
    }

    [Fact]
    public async Task WorkerThatIgnoresShutdown_IsKilledAfterShutdownTimeLimit()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("TESTBACKEND_IGNORE_SHUTDOWN", "1")
            .Set("shutdownTimeLimit", "2"));
        var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        await using (eyrie)
        {
            using var client = eyrie.CreateClient();
            var pid = int.Parse((await client.GetTextAsync("/pid")).Body, System.Globalization.CultureInfo.InvariantCulture);

            await eyrie.StopAsync();

            Assert.False(ProcessInfo.IsAlive(pid));
            Assert.True(eyrie.Logs.Contains(1005, "did not stop within shutdownTimeLimit (2 s)"));
        }
    }

    [Fact]
    public async Task GracefulStop_SendsTheShutdownMessage_AndTheAppExitsByItself()
    {
        using var app = TestApp.TestBackend();
        var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path, "/shop"), output);
        await using (eyrie)
        {
            using var client = eyrie.CreateClient();
            var pid = int.Parse((await client.GetTextAsync("/shop/pid")).Body, System.Globalization.CultureInfo.InvariantCulture);

            await eyrie.StopAsync();

            Assert.False(ProcessInfo.IsAlive(pid));
            Assert.True(eyrie.Logs.Contains(1006, "HTTP 202"));
            Assert.True(eyrie.Logs.Contains(1007, "exit code 0"));
            Assert.Equal(0, eyrie.Logs.Count(1005));
        }
    }

    [Fact]
    public async Task WebConfigChange_RestartsTheApp_WithTheNewSettings()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "one"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal("one", (await client.GetTextAsync("/version")).Body);

        app.WriteWebConfig(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "two"));

        await Poll.UntilAsync(async () => (await client.GetTextAsync("/version")).Body == "two", "the app runs with the new web.config");
    }

    [Fact]
    public async Task ClientThatDisconnects_CancelsTheBackendRequest()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
        using var abandon = new CancellationTokenSource();

        var hanging = client.GetAsync("/hang", abandon.Token);
        // The app itself must be running the request (the pool counts it from the moment a worker is picked).
        await Poll.UntilAsync(() => eyrie.Pool().Workers.Single().Output.ReadTail().Contains("/hang started", StringComparison.Ordinal), "the request reached the app");
        await abandon.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        await Poll.UntilAsync(() => eyrie.Pool().Workers.Single().Output.ReadTail().Contains("/hang was aborted by the client", StringComparison.Ordinal),
            "the backend saw its request cancelled");
    }

    [Fact]
    public async Task InvalidWebConfig_AtRequestTime_Gets500Point19_WithTheFileAndLine()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        File.WriteAllText(app.Combine("web.config"), "<configuration>\n<system.webServer>\n<aspNetCore processPath=\"dotnet\" startupTimeLimit=\"soon\" />\n</system.webServer>\n</configuration>");

        var (status, body) = await client.GetTextAsync("/pid");

        Assert.Equal(500, status);
        Assert.Contains("500.19", body, StringComparison.Ordinal);
        Assert.Contains("web.config(3,", body, StringComparison.Ordinal);
        Assert.Contains("startupTimeLimit", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EyrieJsonOverrides_WinOverWebConfig()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_VERSION", "web.config"));
        var overrides = new AspNetCoreConfig { EnvironmentVariables = new ConfigMap([new("TESTBACKEND_VERSION", "eyrie.json")]) };
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path, overrides: overrides), output);
        using var client = eyrie.CreateClient();

        Assert.Equal("eyrie.json", (await client.GetTextAsync("/version")).Body);
    }

    [Fact]
    public async Task HeadRequest_ForAStartupFailure_HasNoBody()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_EXIT_CODE", "4"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
