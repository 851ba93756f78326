using System.Globalization;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>The `eyrie` program as systemd runs it: sd_notify messages on NOTIFY_SOCKET, and logs for journald.</summary>
public sealed class SystemdTests(ITestOutputHelper output)
{
    private const int SigHup = 1;
    private const int SigTerm = 15;

    [Fact]
    public async Task UnderSystemd_ReadyOnceServing_ReloadingThenReadyAroundEachReload_StoppingOnSigterm_AndJournaldLogLines()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("systemd");
        var port = FreePort.Get();
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path, port));
        using var systemd = new NotifySocket(dir.Combine("notify"));
        var runtimeDirectory = dir.CreateFolder("run/eyrie");
        var environment = new Dictionary<string, string?>
        {
            ["NOTIFY_SOCKET"] = systemd.Path,

            // RuntimeDirectory=eyrie: the admin socket goes there (ProtectSystem=strict leaves it writable).
            ["RUNTIME_DIRECTORY"] = runtimeDirectory,

            // Colours would reach a pipe if any formatter wrote them: the journald format must not.
            ["NO_COLOR"] = null,
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "1",
        };
        await using var eyrie = EyrieProcess.Start(output, environment, "serve", "--config", config);

        // READY=1 only once the listener is bound: the port answers at once, without a retry.
        var ready = await systemd.WaitForAsync("READY=1");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);
        var status = await systemd.WaitForAsync(m => m.Value("STATUS") is not null, "a STATUS line");
        Assert.Equal("serving 1 site, 1 application", status.Value("STATUS"));
        Assert.Single(Directory.EnumerateFiles(runtimeDirectory, "eyrie-*.sock"));

        // NOTIFY_SOCKET is Eyrie's: its workers do not inherit it.
        Assert.Equal(404, (await client.GetTextAsync("/env/NOTIFY_SOCKET")).Status);

        // SIGHUP (what Type=notify-reload and ExecReload send): RELOADING=1 stamped with CLOCK_MONOTONIC, then READY=1.
        var before = MonotonicClock.Microseconds();
        eyrie.Signal(SigHup);
        var reloading = await systemd.WaitForAsync("RELOADING=1", ready.Index);
        var after = MonotonicClock.Microseconds();
        Assert.InRange(long.Parse(reloading.Value("MONOTONIC_USEC")!, CultureInfo.InvariantCulture), before, after);
        var reloaded = await systemd.WaitForAsync("READY=1", reloading.Index);
        Assert.Equal("serving 1 site, 1 application", reloaded.Value("STATUS"));

        // A rejected reload (SIGHUP, and the file watcher as the file changes): Eyrie serves on and says why.
        File.WriteAllText(config, ConfigFiles.SingleApplication("/no/such/folder", port));
        eyrie.Signal(SigHup);
        var rejected = await systemd.WaitForAsync(m => m.Has("READY=1") && m.Value("STATUS") == "reload rejected: 1 error; serving 1 site, 1 application", "READY=1 with the rejection", reloaded.Index);
        Assert.Contains(systemd.Messages, m => m.Index > reloaded.Index && m.Index < rejected.Index && m.Has("RELOADING=1"));
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);

        eyrie.Signal(SigTerm);
        var stopping = await systemd.WaitForAsync("STOPPING=1", rejected.Index);
        Assert.Equal(0, await eyrie.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(systemd.Messages, m => m.Index > stopping.Index && m.Has("READY=1"));

        // journald's format: a <N> syslog priority on every line, one line per entry, no colour, no timestamp.
        Assert.NotEmpty(eyrie.Lines);
        Assert.All(eyrie.Lines, line => Assert.Matches(@"^<[0-7]>\S", line));
        Assert.DoesNotContain(eyrie.Lines, line => line.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains(eyrie.Lines, line => line.StartsWith("<6>Eyrie.Server.Hosting.EdgeServer[2000] Listening on http://", StringComparison.Ordinal));
        Assert.Contains(eyrie.Lines, line => line.StartsWith("<3>", StringComparison.Ordinal) && line.Contains("rejected", StringComparison.Ordinal)
            && line.Contains("physicalPath: folder '/no/such/folder' does not exist", StringComparison.Ordinal));
    }
}
