using System.Text.RegularExpressions;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>stdoutLogEnabled (iis-ancm.md §2.15).</summary>
public sealed partial class StdoutLogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StdoutLogEnabled_WritesPrefixTimestampPidLogFiles()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Set("stdoutLogEnabled", "true"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        var pid = (await client.GetTextAsync("/pid")).Body;
        Assert.Equal("logged", (await client.GetTextAsync("/log/marker-7c1d")).Body);

        var logs = app.Combine("logs");
        var file = Assert.Single(Directory.GetFiles(logs));
        var match = LogFileName().Match(Path.GetFileName(file));
        Assert.True(match.Success, Path.GetFileName(file));
        Assert.Equal(pid, match.Groups["pid"].Value);
        var stamp = DateTime.ParseExact(match.Groups["stamp"].Value, "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        Assert.InRange(stamp, now.AddMinutes(-5), now.AddMinutes(1));
        await Poll.UntilAsync(() => ReadShared(file).Contains("marker-7c1d", StringComparison.Ordinal), "the app's output is in the file");
        Assert.Contains($"TestBackend 1 starting: pid {pid}", ReadShared(file), StringComparison.Ordinal);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^stdout_(?<stamp>\d{14})_(?<pid>\d+)\.log$")]
    private static partial Regex LogFileName();
}
