using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>app_offline.htm, as ANCM handles it (iis-ancm.md §2.10).</summary>
public sealed class AppOfflineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AppOffline_Serves503WithTheFilesBytes_StopsTheWorker_AndRemovalBringsTheAppBack()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        var pid = int.Parse((await client.GetTextAsync("/pid")).Body, System.Globalization.CultureInfo.InvariantCulture);
        byte[] page = [.. "<html><body>Back soon — maintenance</body></html>\n"u8, 0xC3, 0xA9];

        // Any letter case counts, as on Windows.
        File.WriteAllBytes(app.Combine("App_Offline.HTM"), page);

        await Poll.UntilAsync(async () => (await client.GetTextAsync("/pid")).Status == 503, "the app is offline");
        using var response = await client.GetAsync("/anything", TestContext.Current.CancellationToken);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(page, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        await Poll.UntilAsync(() => !ProcessInfo.IsAlive(pid), "the worker was stopped");

        File.Delete(app.Combine("App_Offline.HTM"));

        await Poll.UntilAsync(async () => (await client.GetTextAsync("/pid")).Status == 200, "the app is back");
        Assert.NotEqual(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.GetTextAsync("/pid")).Body);
    }

    [Fact]
    public async Task AppOffline_PresentAtStart_NoWorkerIsStarted_AndEditsShowUp()
    {
        using var app = TestApp.TestBackend();
        File.WriteAllText(app.Combine("app_offline.htm"), "first");
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        await Poll.UntilAsync(async () => await client.GetTextAsync("/") == (503, "first"), "the offline page is served");
        File.WriteAllText(app.Combine("app_offline.htm"), "second");

        await Poll.UntilAsync(async () => await client.GetTextAsync("/") == (503, "second"), "the edited page is served");
        Assert.Equal(0, eyrie.Logs.Count(1000));
    }
}
