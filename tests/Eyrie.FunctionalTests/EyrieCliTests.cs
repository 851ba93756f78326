using System.Net;
using System.Text.Json;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// The appcmd-like verbs of the `eyrie` CLI against a running `eyrie serve`: every change goes through the
/// admin API, is applied, and lands in eyrie.json; errors are clear and change nothing.
/// </summary>
public sealed class EyrieCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("cli-verbs");
    private readonly StaticFolder _home = StaticFolder.WithIndex("home");
    private readonly StaticFolder _shop = StaticFolder.WithIndex("shop");
    private readonly StaticFolder _docs = StaticFolder.WithIndex("docs");
    private readonly TestApp _app = TestApp.TestBackend();

    public void Dispose()
    {
        _dir.Dispose();
        _home.Dispose();
        _shop.Dispose();
        _docs.Dispose();
        _app.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SiteBindingVdirAndAppVerbs_ChangeTheRunningEyrieAndItsFile()
    {
        // The verbs write into the file's own text: its comments stay (ConfigDocumentTests has the details).
        var config = _dir.Write("eyrie.json", $$"""
            {
              // Sites of the CLI test.
              "sites": [
                {
                  "name": "S", // the first site
                  "bindings": [ { "port": 0, "address": "127.0.0.1" } ],
                  "virtualDirectories": [ { "path": "/", "physicalPath": "{{_home.Path}}" } ]
                }
              ]
            }
            """);
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient();
        var (shopPort, otherPort, movedPort) = (FreePort.Get(), FreePort.Get(), FreePort.Get());

        // status, in both forms.
        var status = await RunAsync(0, "status", "--config", config);
        Assert.Contains("site S  http/127.0.0.1:0: (port " + port + ")", status, StringComparison.Ordinal);
        var statusJson = JsonDocument.Parse(await RunAsync(0, "status", "--json", "--config", config)).RootElement;
        Assert.Equal(eyrie.ProcessId, statusJson.GetProperty("eyrie").GetProperty("processId").GetInt32());

        // site add / list.
        var added = await RunAsync(0, "site", "add", "Shop", "--binding", $"http/127.0.0.1:{shopPort}:", "--physical-path", _shop.Path, "--static", "--config", config);
        Assert.Contains("Added site Shop.", added, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", added, StringComparison.Ordinal);
        Assert.Equal("shop", await client.GetStringAsync($"http://127.0.0.1:{shopPort}/", Token));
        Assert.Contains("\"Shop\"", await File.ReadAllTextAsync(config, Token), StringComparison.Ordinal);
        Assert.Matches($@"(?m)^Shop\s+http/127\.0\.0\.1:{shopPort}:", await RunAsync(0, "site", "list", "--config", config));
        Assert.Equal(2, JsonDocument.Parse(await RunAsync(0, "site", "list", "--json", "--config", config)).RootElement.GetArrayLength());

        // binding add / list / set / remove.
        await RunAsync(0, "binding", "add", "Shop", $"http/127.0.0.1:{otherPort}:", "--config", config);
        Assert.Equal("shop", await client.GetStringAsync($"http://127.0.0.1:{otherPort}/", Token));
        Assert.Contains($"http/127.0.0.1:{otherPort}:  yes, port {otherPort}", await RunAsync(0, "binding", "list", "Shop", "--config", config), StringComparison.Ordinal);
        await RunAsync(0, "binding", "set", "Shop", $"http/127.0.0.1:{otherPort}:", "--to", $"http/127.0.0.1:{movedPort}:", "--config", config);
        Assert.Equal("shop", await client.GetStringAsync($"http://127.0.0.1:{movedPort}/", Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://127.0.0.1:{otherPort}/", Token));
        await RunAsync(0, "binding", "remove", "Shop", $"http/127.0.0.1:{movedPort}:", "--config", config);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://127.0.0.1:{movedPort}/", Token));

        // vdir add / list / set / remove.
        await RunAsync(0, "vdir", "add", "Shop/docs", "--physical-path", _docs.Path, "--config", config);
        Assert.Equal("docs", await client.GetStringAsync($"http://127.0.0.1:{shopPort}/docs/", Token));
        Assert.Contains("Shop/docs", await RunAsync(0, "vdir", "list", "--config", config), StringComparison.Ordinal);
        await RunAsync(0, "vdir", "set", "Shop/docs", "--physical-path", _home.Path, "--config", config);
        Assert.Equal("home", await client.GetStringAsync($"http://127.0.0.1:{shopPort}/docs/", Token));
        await RunAsync(0, "vdir", "remove", "Shop/docs", "--config", config);
        Assert.Equal("shop", await client.GetStringAsync($"http://127.0.0.1:{shopPort}/docs/../", Token));

        // app add / list / remove.
        await RunAsync(0, "app", "add", "S/api", "--physical-path", _app.Path, "--config", config);
        var pid = await client.GetStringAsync($"http://127.0.0.1:{port}/api/pid", Token);
        var apps = JsonDocument.Parse(await RunAsync(0, "app", "list", "--json", "--config", config)).RootElement;
        var api = apps.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "S/api");
        Assert.Equal(pid, api.GetProperty("workers")[0].GetProperty("processId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await RunAsync(0, "app", "remove", "S/api", "--config", config);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"http://127.0.0.1:{port}/api/pid", Token)).StatusCode);

        // site set / remove.
        await RunAsync(0, "site", "set", "Shop", "--name", "Boutique", "--config", config);
        Assert.Contains("Boutique", await RunAsync(0, "site", "list", "--config", config), StringComparison.Ordinal);
        await RunAsync(0, "site", "remove", "Boutique", "--config", config);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://127.0.0.1:{shopPort}/", Token));
        var text = await File.ReadAllTextAsync(config, Token);
        Assert.Contains("  // Sites of the CLI test.\n", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"S\", // the first site\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mistakes_AreRefusedWithTheReason_AndChangeNothing()
    {
        // The verbs write into the file's own text: its comments stay (ConfigDocumentTests has the details).
        var config = _dir.Write("eyrie.json", $$"""
            {
              // Sites of the CLI test.
              "sites": [
                {
                  "name": "S", // the first site
                  "bindings": [ { "port": 0, "address": "127.0.0.1" } ],
                  "virtualDirectories": [ { "path": "/", "physicalPath": "{{_home.Path}}" } ]
                }
              ]
            }
            """);
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        await eyrie.WaitForListeningAsync();
        var before = await File.ReadAllTextAsync(config, Token);

        Assert.Contains("a site named 'S' exists already", await RunAsync(2, "site", "add", "S", "--binding", "http/*:1234:", "--config", config), StringComparison.Ordinal);
        Assert.Contains("'bogus' is not a binding", await RunAsync(2, "binding", "add", "S", "bogus", "--config", config), StringComparison.Ordinal);
        Assert.Contains("no site named 'Nope'; the sites are: S", await RunAsync(2, "vdir", "add", "Nope/x", "--physical-path", _docs.Path, "--config", config), StringComparison.Ordinal);

        // Valid JSON, invalid configuration: the server's validation answers, with file, line and key.
        var invalid = await RunAsync(1, "vdir", "add", "S/x", "--physical-path", "/no/such/folder", "--config", config);
        Assert.Contains("sites[0].virtualDirectories[1].physicalPath: folder '/no/such/folder' does not exist", invalid, StringComparison.Ordinal);
        Assert.Contains(config + "(", invalid, StringComparison.Ordinal);

        Assert.Equal(before, await File.ReadAllTextAsync(config, Token));
    }

    [Fact]
    public async Task Logs_PrintsTheTail_AndFollowsTheWorkersOutput()
    {
        var config = _dir.Write("eyrie.json", $$"""
            { "sites": [ { "name": "S", "bindings": [ { "port": 0, "address": "127.0.0.1" } ],
                           "applications": [ { "path": "/", "physicalPath": "{{_app.Path}}" } ] } ] }
            """);
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        _ = await client.GetStringAsync("/log/hello-from-the-app", Token);

        await Poll.UntilAsync(
            async () => (await EyrieProcess.RunAsync(output, "logs", "S", "--config", config)).Output.Contains("hello-from-the-app", StringComparison.Ordinal),
            "the worker's line is in `eyrie logs S`");

        await using var follower = EyrieProcess.Start(output, "logs", "--follow", "--lines", "0", "--config", config);
        await Poll.UntilAsync(async () =>
        {
            // Until the follower is connected, the line may come before it: keep logging until it shows.
            _ = await client.GetStringAsync("/log/followed", Token);
            return follower.Text.Contains("followed", StringComparison.Ordinal);
        }, "`eyrie logs --follow` prints the new line");
        Assert.Matches(@"\[S/ pid \d+\] followed", follower.Text);

        var notRunning = _dir.Write("other.json", "{ \"sites\": [] }");
        Assert.Contains("Eyrie is not running", await RunAsync(3, "status", "--config", notRunning), StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(int expectedExitCode, params string[] arguments)
    {
        var (exitCode, text) = await EyrieProcess.RunAsync(output, arguments);
        Assert.True(expectedExitCode == exitCode, $"eyrie {string.Join(' ', arguments)} exited with {exitCode}, not {expectedExitCode}:\n{text}");
        return text;
    }
}
