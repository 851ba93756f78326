using System.Globalization;
using System.Text.RegularExpressions;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Debian's slowhttptest: opens slow connections (slowloris: headers that never end; slow POST: a body
/// trickled a few bytes at a time) and reports when the server has closed them all.
/// </summary>
internal static partial class SlowHttpTest
{
    /// <summary>Runs one attack of <paramref name="connections"/> connections for at most <paramref name="maxSeconds"/>.</summary>
    /// <returns>The second the test ended, and whether it ended because the server closed every connection.</returns>
    public static async Task<(int EndedAtSecond, bool AllClosedByServer, string Report)> RunAsync(string mode, string url, int connections, int maxSeconds)
    {
        using var reports = new TempDirectory("slowhttptest");
        var arguments = new List<string>
        {
            mode, // -H slowloris, -B slow POST
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-r", connections.ToString(CultureInfo.InvariantCulture), // all in the first second
            "-i", "1", // a follow-up every second
            "-s", "65536", // slow POST: the Content-Length announced
            "-x", "10", // follow-ups of at most 10 bytes: far below 240 bytes/s
            "-l", maxSeconds.ToString(CultureInfo.InvariantCulture),
            "-p", "2",
            "-g", "-o", reports.Combine("report"),
            "-u", url,
        };
        var (_, stdout, stderr) = await ExternalTool.RunAsync("slowhttptest", arguments, TimeSpan.FromSeconds(maxSeconds + 30));
        var text = Ansi().Replace(stdout + stderr, "");
        var ended = TestEnded().Match(text);
        Assert.True(ended.Success, "slowhttptest reported no end:\n" + text);
        return (int.Parse(ended.Groups[1].Value, CultureInfo.InvariantCulture), text.Contains("No open connections left", StringComparison.Ordinal), text);
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"Test ended on (\d+)(st|nd|rd|th) second")]
    private static partial Regex TestEnded();
}
