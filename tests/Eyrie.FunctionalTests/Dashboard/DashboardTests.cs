using Eyrie.Configuration;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;
using static Microsoft.Playwright.Assertions;

namespace Eyrie.FunctionalTests.Dashboard;

/// <summary>
/// The web dashboard end to end: a real Eyrie with its admin listener on loopback TCP, real workers, and the
/// page in headless Chromium. Each test leaves a screenshot of its final state (see <see cref="TestArtifacts"/>).
/// </summary>
public sealed class DashboardTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("dashboard");
    private readonly TestApp _app = TestApp.TestBackend();

    public void Dispose()
    {
        _dir.Dispose();
        _app.Dispose();
    }

    // One key per line, so that a test can tell the line of what it changes.
    private string ConfigText(bool withBrokenApp = false) => $$"""
        {
          "admin": { "listen": "127.0.0.1:0" },
          "sites": [
            {
              "name": "Test",
              "bindings": [
                { "port": 0 }
              ],
              "applications": [
                { "path": "/", "physicalPath": "{{_app.Path}}" }{{(withBrokenApp ? $$"""
        ,
                { "path": "/broken", "physicalPath": "{{_app.Path}}",
                  "aspNetCore": { "environmentVariables": { "TESTBACKEND_EXIT_CODE": "3" } } }
        """ : "")}}
              ]
            }
          ]
        }

        """;

    private async Task<EyrieTestHost> StartAsync(string text) =>
        await EyrieTestHost.StartAsync(EyrieConfigLoader.Load(_dir.Write("eyrie.json", text)), output);

    private Task<DashboardTab> OpenAsync(EyrieTestHost eyrie, bool withToken = true) =>
        DashboardTab.OpenAsync(chromium.Browser, eyrie, withToken, output);

    [Fact]
    public async Task ListsTheRunningApplication_WithItsWorkerPid()
    {
        await using var eyrie = await StartAsync(ConfigText());
        using var client = eyrie.CreateClient();
        var pid = await client.GetStringAsync("/pid", TestContext.Current.CancellationToken);

        await using var tab = await OpenAsync(eyrie);
        var app = tab.Application("Test/");
        await Expect(app.GetByTestId("app-state")).ToHaveTextAsync("Running");
        await Expect(app.GetByTestId("worker-pid")).ToHaveTextAsync([pid]);
        await Expect(app.GetByTestId("worker-state")).ToHaveTextAsync(["Ready"]);
        await Expect(app.GetByTestId("app-requests")).ToHaveTextAsync("1");
        await Expect(app.GetByTestId("chart-memory-legend")).ToContainTextAsync($"pid {pid}: ");
        await Expect(app.GetByTestId("chart-memory-now")).ToContainTextAsync("MB in all");
        await Expect(tab.ByTestId("binding-state")).ToHaveTextAsync($"listening on port {eyrie.Port}");
        await Expect(tab.ByTestId("eyrie-pid")).ToHaveTextAsync(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(tab.ByTestId("connection")).ToHaveTextAsync("live");

        // The token left the address bar once the page took it.
        Assert.DoesNotContain("token", tab.Page.Url, StringComparison.Ordinal);
        Assert.Empty(tab.ScriptErrors);
    }

    [Fact]
    public async Task RecycleButton_ReplacesTheWorker_AndThePageShowsTheNewPid()
    {
        await using var eyrie = await StartAsync(ConfigText());
        using var client = eyrie.CreateClient();
        var oldPid = await client.GetStringAsync("/pid", TestContext.Current.CancellationToken);

        await using var tab = await OpenAsync(eyrie);
        var app = tab.Application("Test/");
        await Expect(app.GetByTestId("worker-pid")).ToHaveTextAsync([oldPid]);

        await app.GetByTestId("recycle").ClickAsync();
        // The new worker must start before the recycle answers: meanwhile the buttons are disabled.
        await Expect(app.GetByTestId("recycle")).ToBeDisabledAsync();
        await Expect(app.GetByTestId("action-result")).ToContainTextAsync("recycled", new() { Timeout = 60_000 });
        await Expect(app.GetByTestId("recycle")).ToBeEnabledAsync();

        var newPid = eyrie.Pool().Status.Workers.Single(w => w.InRotation).ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(oldPid, newPid);
        Assert.Equal(newPid, await client.GetStringAsync("/pid", TestContext.Current.CancellationToken));
        // The old worker drains and exits: then the table shows the new one alone.
        await Expect(app.GetByTestId("worker-pid")).ToHaveTextAsync([newPid], new() { Timeout = 30_000 });
        await Expect(app.GetByTestId("app-last-recycle")).ToContainTextAsync("done");
        await Expect(app.GetByTestId("chart-memory-legend")).ToContainTextAsync($"pid {newPid}: ");
        Assert.Empty(tab.ScriptErrors);
    }

    [Fact]
    public async Task InvalidEdit_ShowsTheErrorsAtTheirLines_AndLeavesTheFileAlone()
    {
        var text = ConfigText();
        await using var eyrie = await StartAsync(text);
        var file = _dir.Combine("eyrie.json");
        var before = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);

        await using var tab = await OpenAsync(eyrie);
        var editor = tab.ByTestId("config-editor");
        await Expect(editor).ToHaveValueAsync(text);

        // A port that is not a number, and a key that does not exist, each on a line of its own.
        var edited = text
            .Replace("{ \"port\": 0 }", "{ \"port\": \"abc\" }", StringComparison.Ordinal)
            .Replace("\"name\": \"Test\",", "\"name\": \"Test\",\n      \"colour\": \"blue\",", StringComparison.Ordinal);
        var portLine = LineOf(edited, "\"abc\"");
        var keyLine = LineOf(edited, "\"colour\"");
        await editor.FillAsync(edited);
        await tab.ByTestId("config-save").ClickAsync();

        await Expect(tab.ByTestId("config-status")).ToContainTextAsync("not applied");
        var errors = tab.ByTestId("config-error");
        await Expect(errors.Filter(new() { HasText = "port" })).ToContainTextAsync($"{portLine}:");
        await Expect(errors.Filter(new() { HasText = "colour" })).ToContainTextAsync($"{keyLine}:");
        await Expect(tab.Page.Locator($"[data-testid=gutter-error][data-line='{portLine}']")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator($"[data-testid=gutter-error][data-line='{keyLine}']")).ToBeVisibleAsync();

        // The editor selected the first error's line (the unknown key comes first in the file).
        var selectedLine = await editor.EvaluateAsync<int>("e => e.value.slice(0, e.selectionStart).split('\\n').length");
        Assert.Equal(Math.Min(portLine, keyLine), selectedLine);
        // The edit is still there to fix, and nothing reached the disk.
        await Expect(editor).ToHaveValueAsync(edited);
        Assert.Equal(before, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Empty(tab.ScriptErrors);
    }

    [Fact]
    public async Task ValidEdit_IsApplied_TheEditorFollowsTheFile_AndAnEditOverAChangeMadeMeanwhile_IsRefused()
    {
        var text = ConfigText();
        await using var eyrie = await StartAsync(text);
        var file = _dir.Combine("eyrie.json");
        var cancellationToken = TestContext.Current.CancellationToken;

        await using var tab = await OpenAsync(eyrie);
        var editor = tab.ByTestId("config-editor");
        var status = tab.ByTestId("config-status");
        await Expect(editor).ToHaveValueAsync(text);

        // eyrie.json allows comments: changes that are valid and leave the sites as they are.
        var edited = "// edited in the dashboard\n" + text;
        await editor.FillAsync(edited);
        await tab.ByTestId("config-save").ClickAsync();
        await Expect(status).ToContainTextAsync("applied");
        Assert.Equal(edited, await File.ReadAllTextAsync(file, cancellationToken));

        // Changed on disk while the editor holds no edit: Eyrie reloads it, and the editor shows it.
        var otherEdit = "// edited on disk\n" + edited;
        await File.WriteAllTextAsync(file, otherEdit, cancellationToken);
        await Expect(editor).ToHaveValueAsync(otherEdit);

        // Changed on disk while the editor holds an edit: saving that edit is refused, the file stays.
        var lastEdit = "// edited on disk again\n" + otherEdit;
        await editor.FillAsync("// a late edit\n" + otherEdit);
        await File.WriteAllTextAsync(file, lastEdit, cancellationToken);
        await tab.ByTestId("config-save").ClickAsync();
        await Expect(status).ToContainTextAsync("changed meanwhile");
        Assert.Equal(lastEdit, await File.ReadAllTextAsync(file, cancellationToken));

        // Reload drops the edit (once confirmed) and shows the file as it is.
        tab.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await tab.ByTestId("config-reload").ClickAsync();
        await Expect(editor).ToHaveValueAsync(lastEdit);
        Assert.Empty(tab.ScriptErrors);
    }

    [Fact]
    public async Task WithoutAToken_ThePageAsksForIt()
    {
        await using var eyrie = await StartAsync(ConfigText());

        await using var tab = await OpenAsync(eyrie, withToken: false);
        await Expect(tab.ByTestId("token-form")).ToBeVisibleAsync();
        await Expect(tab.ByTestId("sites")).ToBeHiddenAsync();

        await tab.ByTestId("token-input").FillAsync("not-the-token");
        await tab.ByTestId("token-submit").ClickAsync();
        await Expect(tab.ByTestId("token-problem")).ToHaveTextAsync("That token was refused.");

        await tab.ByTestId("token-input").FillAsync(eyrie.AdminToken!);
        await tab.ByTestId("token-submit").ClickAsync();
        await Expect(tab.ByTestId("token-form")).ToBeHiddenAsync();
        await Expect(tab.Application("Test/").GetByTestId("app-state")).ToHaveTextAsync("Idle");
        Assert.Empty(tab.ScriptErrors);
    }

    [Fact]
    public async Task AnAppThatFailsToStart_ShowsItsOutput_AndTheErrorInTheLiveLog()
    {
        await using var eyrie = await StartAsync(ConfigText(withBrokenApp: true));
        await using var tab = await OpenAsync(eyrie);
        var broken = tab.Application("Test/broken");
        await Expect(broken.GetByTestId("app-state")).ToHaveTextAsync("Idle");

        using var client = eyrie.CreateClient();
        using var response = await client.GetAsync("/broken/", TestContext.Current.CancellationToken);
        Assert.Equal(502, (int)response.StatusCode);

        var failure = broken.GetByTestId("last-failure");
        await failure.Locator("summary").ClickAsync();
        await Expect(failure.GetByTestId("failure-output")).ToContainTextAsync("TestBackend 1 starting");
        await Expect(tab.ByTestId("log-errors").GetByTestId("log-entry").Filter(new() { HasText = "Test/broken" }).First).ToBeVisibleAsync();
        Assert.Empty(tab.ScriptErrors);
    }

    private static int LineOf(string text, string part) =>
        text[..text.IndexOf(part, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
