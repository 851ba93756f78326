using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>An app's web.config security sections follow the file: an edit applies without a reload, and an invalid section makes the app answer 500.19 (as IIS does) until it is fixed, never serving without it.</summary>
public sealed class WebConfigSecurityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EditedWebConfig_AppliesAtOnce_AndAnInvalidOneFailsClosed()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal(200, (await client.GetTextAsync("/echo")).Status);

        app.WriteWebConfig(new WebConfigBuilder().WebServer("""
            <security><requestFiltering><hiddenSegments><add segment="echo" /></hiddenSegments></requestFiltering></security>
            """));
        await Poll.UntilAsync(async () => (await client.GetTextAsync("/echo")).Body.Contains("HTTP Error 404.8 - ", StringComparison.Ordinal), "the new hidden segment is in effect");

        app.WriteWebConfig(new WebConfigBuilder().WebServer("""
            <security><ipSecurity><add ipAddress="not-an-ip" allowed="false" /></ipSecurity></security>
            """));
        await Poll.UntilAsync(async () => (await client.GetTextAsync("/echo")).Status == 500, "the invalid web.config is answered with 500.19");
        var (_, page) = await client.GetTextAsync("/pid");
        Assert.Contains("HTTP Error 500.19 - ", page, StringComparison.Ordinal);
        Assert.Contains("not-an-ip", page, StringComparison.Ordinal);

        app.WriteWebConfig(new WebConfigBuilder());
        await Poll.UntilAsync(async () => (await client.GetTextAsync("/echo")).Status == 200, "the fixed web.config serves again");
    }
}
