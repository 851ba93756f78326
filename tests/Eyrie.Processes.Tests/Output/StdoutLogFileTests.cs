using Eyrie.Processes.Output;

namespace Eyrie.Processes.Tests.Output;

public sealed class StdoutLogFileTests
{
    [Fact]
    public void GetPath_IsPrefixUtcTimestampAndPid()
    {
        var startedAt = new DateTimeOffset(2026, 11, 24, 23, 5, 9, TimeSpan.FromHours(-2));

        var path = StdoutLogFile.GetPath(@".\logs\stdout", "/srv/app", startedAt, 4242);

        Assert.Equal("/srv/app/logs/stdout_20261125010509_4242.log", path);
    }

    [Fact]
    public void GetPath_AbsolutePrefix_IsKept() =>
        Assert.Equal("/var/log/app/out_20260101000000_1.log", StdoutLogFile.GetPath("/var/log/app/out", "/srv/app", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 1));
}
