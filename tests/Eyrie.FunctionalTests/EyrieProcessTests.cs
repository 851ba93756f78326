using System.Net;
using System.Net.Sockets;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>The `eyrie` program as an operator runs it: signals, restarts, validation, bad ports.</summary>
public sealed class EyrieProcessTests(ITestOutputHelper output)
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private static async Task<int> WorkerPidAsync(int port)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        return int.Parse(await client.GetStringAsync("/pid", TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigInt)]
    public async Task SigtermOrCtrlC_StopsEveryWorkerGracefully_AndEyrieExitsZero(int signal)
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var worker = await WorkerPidAsync(await eyrie.WaitForListeningAsync());

        eyrie.Signal(signal);

        Assert.Equal(0, await eyrie.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(ProcessInfo.IsAlive(worker));
        Assert.Contains(eyrie.Lines, l => l.Contains("HTTP 202", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_LetsInFlightRequestsFinish_RefusesNewConnections_ThenExits()
    {
        const long downloadBytes = 64L * 1024 * 1024;
        var cancellationToken = TestContext.Current.CancellationToken;
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // The worker itself opens the gate once Eyrie no longer accepts connections.
        using var worker = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{(await client.GetTextAsync("/env/ASPNETCORE_PORT")).Body}") };
        worker.DefaultRequestHeaders.Add("MS-ASPNETCORE-TOKEN", (await client.GetTextAsync("/env/ASPNETCORE_TOKEN")).Body);

        // In flight when the stop begins: a request waiting in the app, and a 64 MiB response read 1 MiB far.
        var gated = client.GetStringAsync("/wait/stop", cancellationToken);
        await Poll.UntilAsync(async () => (await client.GetTextAsync("/waiting/stop")).Body == "1", "the request waits in the app");
        using var download = await client.GetAsync($"/download/{downloadBytes}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await download.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1024 * 1024];
        long received = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: true, cancellationToken);

        eyrie.Signal(SigTerm);

        await Poll.UntilAsync(async () => !await AcceptsConnectionAsync(port), "Eyrie stops accepting connections");
        Assert.False(gated.IsCompleted);
        Assert.False(eyrie.HasExited);

        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
        }

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(downloadBytes, received);
        Assert.False(eyrie.HasExited);

        Assert.Equal("ok", await worker.GetStringAsync("/release/stop", cancellationToken));
        Assert.Equal("released", await gated);
        Assert.Equal(0, await eyrie.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<bool> AcceptsConnectionAsync(int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }

    [Fact]
    public async Task Sigkill_TakesTheWorkersDown_AndARestartedEyrieServesOnTheSamePort()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        // A port outside the ephemeral range: between the two Eyries nothing else may take it.
        var port = FreePort.Get();
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path, port));
        int worker;
        await using (var eyrie = EyrieProcess.Start(output, "serve", "--config", config))
        {
            Assert.Equal(port, await eyrie.WaitForListeningAsync());
            worker = await WorkerPidAsync(port);

            eyrie.Signal(SigKill);
            await eyrie.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await Poll.UntilAsync(() => !ProcessInfo.IsAlive(worker), "the worker died with Eyrie (parent-death signal)");

        await using var restarted = EyrieProcess.Start(output, "serve", "--config", config);
        Assert.Equal(port, await restarted.WaitForListeningAsync());
        var newWorker = await WorkerPidAsync(port);
        Assert.NotEqual(worker, newWorker);
    }

    [Fact]
    public async Task Host_HostsAPublishFolder_WithoutAConfigFile()
    {
        using var app = TestApp.TestBackend();
        var port = FreePort.Get();
        await using var eyrie = EyrieProcess.Start(output, "host", app.Path, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--path", "/shop");
        Assert.Equal(port, await eyrie.WaitForListeningAsync());

        using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
        Assert.Equal("TestBackend 1", await client.GetStringAsync("/shop/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Serve_PortAlreadyInUse_ExitsNonZero_WithAClearMessage()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path, port));

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "serve", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot listen", text, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenEyrieJson_ListsEveryErrorWithFileLineAndKey()
    {
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", """
            {
              "sites": [
                { "name": "A", "bindings": [ { "port": 99999 } ],
                  "aplications": [] }
              ]
            }
            """);

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "validate", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{config}(3,44): error: sites[0].bindings[0].port: must be between 0 and 65535; found 99999", text, StringComparison.Ordinal);
        Assert.Contains($"{config}(4,7): error: sites[0].aplications: unknown key; did you mean 'applications'?", text, StringComparison.Ordinal);
        Assert.Contains("2 error(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenWebConfig_NamesTheWebConfigLineAndKey()
    {
        using var app = TestApp.TestBackend();
        File.WriteAllText(app.Combine("web.config"), "<configuration>\n  <system.webServer>\n    <aspNetCore processPath=\"dotnet\" requestTimeout=\"2 minutes\" />\n  </system.webServer>\n</configuration>\n");
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "validate", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{app.Combine("web.config")}(3,38): error: system.webServer/aspNetCore/@requestTimeout: '2 minutes' is not a time span", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ValidConfig_ExitsZero()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "validate", "--config", config);

        Assert.Equal(0, exitCode);
        Assert.Contains("is valid: 1 site(s), 1 application(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfig_ExitsNonZero_WithTheDiagnostics()
    {
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", "{ \"sites\": [ { \"name\": \"A\", \"bindings\": [ { \"port\": 80, \"address\": \"nowhere\" } ] } ] }");

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "serve", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains("sites[0].bindings[0].address: 'nowhere' is not an IP address or *", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SighupAndEyrieReload_ReloadTheRunningConfiguration_AndARejectedOneIsReportedWithFileLineAndKey()
    {
        using var site = StaticFolder.WithIndex("home");
        using var more = StaticFolder.WithIndex("more");
        using var dir = new TempDirectory("cli");
        string Config(string extra) => $$"""
            {
              "sites": [ { "name": "S", "bindings": [ { "port": 0, "address": "127.0.0.1" } ],
                           "virtualDirectories": [ { "path": "/", "physicalPath": "{{site.Path}}" }{{extra}} ] } ]
            }
            """;
        var config = dir.Write("eyrie.json", Config(""));
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // The file watcher would see the edit too; SIGHUP asks for the reload explicitly.
        File.WriteAllText(config, Config($$""", { "path": "/more", "physicalPath": "{{more.Path}}" }"""));
        eyrie.Signal(SigHup);
        await Poll.UntilAsync(async () => (await client.GetTextAsync("/more/")).Body == "more", "SIGHUP reloaded the configuration");

        File.WriteAllText(config, Config(""", { "path": "/broken", "physicalPath": "/no/such/folder" }"""));
        var (rejectedCode, rejected) = await EyrieProcess.RunAsync(output, "reload", "--config", config);
        Assert.Equal(1, rejectedCode);
        Assert.Contains($"{config}(3,", rejected, StringComparison.Ordinal);
        Assert.Contains("sites[0].virtualDirectories[1].physicalPath: folder '/no/such/folder' does not exist", rejected, StringComparison.Ordinal);
        Assert.Equal("more", (await client.GetTextAsync("/more/")).Body);

        File.WriteAllText(config, Config(""));
        var (appliedCode, applied) = await EyrieProcess.RunAsync(output, "reload", "--config", config);
        Assert.Equal(0, appliedCode);
        Assert.Contains("Configuration reloaded.", applied, StringComparison.Ordinal);
        Assert.Equal(404, (await client.GetTextAsync("/more/")).Status);
    }

    [Fact]
    public async Task EyrieApp_ListsRecyclesStopsAndStartsAnApplication_OfTheRunningEyrie()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", $$"""
            { "sites": [ { "name": "S", "bindings": [ { "port": 0, "address": "127.0.0.1" } ],
                           "applications": [ { "path": "/", "physicalPath": "{{app.Path}}" } ] } ] }
            """);
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var before = (await client.GetTextAsync("/pid")).Body;

        var (listCode, list) = await EyrieProcess.RunAsync(output, "app", "list", "--config", config);
        Assert.Equal(0, listCode);
        Assert.Matches($@"(?m)^S/\s+Running\s+1\s+{before}\s", list);

        var (recycleCode, recycled) = await EyrieProcess.RunAsync(output, "app", "recycle", "S", "--config", config);
        Assert.Equal(0, recycleCode);
        Assert.Contains("S/: recycled", recycled, StringComparison.Ordinal);
        Assert.NotEqual(before, (await client.GetTextAsync("/pid")).Body);

        Assert.Equal(0, (await EyrieProcess.RunAsync(output, "app", "stop", "S/", "--config", config)).ExitCode);
        Assert.Equal(503, (await client.GetTextAsync("/pid")).Status);
        Assert.Equal(0, (await EyrieProcess.RunAsync(output, "app", "start", "S/", "--config", config)).ExitCode);
        Assert.Equal(200, (await client.GetTextAsync("/pid")).Status);

        var (unknownCode, unknown) = await EyrieProcess.RunAsync(output, "app", "recycle", "S/nope", "--config", config);
        Assert.Equal(2, unknownCode);
        Assert.Contains("S/nope", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_WhenEyrieIsNotRunning_SaysSo()
    {
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", "{ \"sites\": [] }");

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "reload", "--config", config);

        Assert.Equal(3, exitCode);
        Assert.Contains("Eyrie is not running", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondEyrie_ForTheSameConfiguration_RefusesToStart()
    {
        using var site = StaticFolder.WithIndex("home");
        using var dir = new TempDirectory("cli");
        var config = dir.Write("eyrie.json", $$"""{ "sites": [ { "name": "S", "bindings": [ { "port": 0 } ], "virtualDirectories": [ { "path": "/", "physicalPath": "{{site.Path}}" } ] } ] }""");
        await using var first = EyrieProcess.Start(output, "serve", "--config", config);
        await first.WaitForListeningAsync();

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "serve", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains("another Eyrie is already running with this configuration", text, StringComparison.Ordinal);
    }
}
