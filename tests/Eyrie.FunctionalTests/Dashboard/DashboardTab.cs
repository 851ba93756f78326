using Eyrie.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Eyrie.FunctionalTests.Dashboard;

/// <summary>
/// The dashboard of a running Eyrie in a tab of its own browser context (so its own sessionStorage). Records
/// the page's script errors and CSP violations, and on dispose saves a screenshot of how the test left it.
/// </summary>
internal sealed class DashboardTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    private DashboardTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions and refused content (the CSP allows no inline script or style).</summary>
    public IReadOnlyList<string> ScriptErrors => _scriptErrors;

    /// <summary>Opens the dashboard of <paramref name="eyrie"/>, as its log's link does: the token in the fragment, or none.</summary>
    public static async Task<DashboardTab> OpenAsync(IBrowser browser, EyrieTestHost eyrie, bool withToken, ITestOutputHelper output)
    {
        var address = eyrie.AdminHttpAddress ?? throw new InvalidOperationException("the test configuration has no admin.listen");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var tab = new DashboardTab(context, page);
        page.PageError += (_, error) => tab.Record($"page error: {error}", output);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                tab.Record($"console: {message.Text}", output);
            }
        };
        var fragment = withToken ? "#token=" + Uri.EscapeDataString(eyrie.AdminToken!) : "";
        await page.GotoAsync(new Uri(address, "/") + fragment);
        return tab;
    }

    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    /// <summary>The card of an application, by its name (<c>Site/path</c>).</summary>
    public ILocator Application(string name) => Page.GetByTestId($"app-{name}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            var name = TestContext.Current.TestMethod?.MethodName ?? "dashboard";
            var screenshot = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
            TestArtifacts.Save(Path.Combine("dashboard", name + ".png"), screenshot, "image/png");
        }
        finally
        {
            await _context.CloseAsync();
        }
    }

    private void Record(string error, ITestOutputHelper output)
    {
        lock (_scriptErrors)
        {
            _scriptErrors.Add(error);
        }

        output.WriteLine(error);
    }
}
