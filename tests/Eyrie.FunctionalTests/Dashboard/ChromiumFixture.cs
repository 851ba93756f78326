using Microsoft.Playwright;

namespace Eyrie.FunctionalTests.Dashboard;

/// <summary>
/// Headless Chromium for the dashboard tests, started once per test class. It is Debian's chromium package
/// driven by Playwright for .NET: the NuGet package ships Playwright's driver (with its own Node), which
/// speaks the DevTools protocol to any current Chromium given by <c>ExecutablePath</c>, so Playwright's own
/// browser download (`playwright install`, which cannot be fetched here) is never used.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    /// <summary>The browser; fails the test, with what to install, when there is none.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                Assert.Fail(_missing ?? "Chromium was not started");
            }

            return _browser;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("EYRIE_CHROMIUM");
        var path = configured is { Length: > 0 } ? configured : KnownPaths.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            // Not a skip: the dashboard must be tested wherever the tests run, and CI installs the browser.
            _missing = $"Chromium is not installed ({(configured is { Length: > 0 } ? $"EYRIE_CHROMIUM={configured} does not exist" : $"looked for {string.Join(", ", KnownPaths)}")}): "
                + "the dashboard tests drive Debian's chromium. Install it with `apt-get install chromium` (.ci/run does), or set EYRIE_CHROMIUM to a Chromium binary.";
            return;
        }

        // A worker start on a busy two-core CI machine can take longer than Playwright's default of 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
