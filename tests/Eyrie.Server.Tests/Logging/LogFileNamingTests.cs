using Eyrie.Configuration.Model;
using Eyrie.Server.Logging;

namespace Eyrie.Server.Tests.Logging;

public sealed class LogFileNamingTests
{
    [Theory]
    [InlineData(LogPeriod.Daily, "u_ex250309.log")]
    [InlineData(LogPeriod.Hourly, "u_ex25030917.log")]
    [InlineData(LogPeriod.Monthly, "u_ex2503.log")]
    [InlineData(LogPeriod.Weekly, "u_ex250303.log")]
    public void FileName_AsIisNamesIt(LogPeriod period, string expected) =>
        Assert.Equal(expected, LogFileNaming.FileName(period, new DateTime(2025, 3, 9, 17, 30, 0, DateTimeKind.Unspecified)));

    [Fact]
    public void MaxSize_FilesAreNumbered_AndTheNumberReadBack()
    {
        Assert.Equal("u_extend1.log", LogFileNaming.FileName(LogPeriod.MaxSize, default));
        Assert.Equal("u_extend12.log", LogFileNaming.FileName(LogPeriod.MaxSize, default, 12));
        Assert.Equal(12, LogFileNaming.SequenceOf("u_extend12.log"));
        Assert.Equal(0, LogFileNaming.SequenceOf("u_ex250309.log"));
    }

    [Theory]
    [InlineData(2025, 3, 1, 1)] // a Saturday: week 1
    [InlineData(2025, 3, 2, 2)] // Sunday starts week 2
    [InlineData(2025, 3, 8, 2)]
    [InlineData(2025, 3, 9, 3)]
    [InlineData(2025, 6, 1, 1)] // a Sunday
    [InlineData(2025, 6, 30, 5)]
    public void WeekOfMonth_StartsOnSunday(int year, int month, int day, int week) =>
        Assert.Equal(week, LogFileNaming.WeekOfMonth(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)));

    [Theory]
    [InlineData(LogPeriod.Hourly, "2025-03-09T17:30:00", "2025-03-09T18:00:00")]
    [InlineData(LogPeriod.Daily, "2025-03-09T17:30:00", "2025-03-10T00:00:00")]
    [InlineData(LogPeriod.Weekly, "2025-03-09T17:30:00", "2025-03-16T00:00:00")]
    [InlineData(LogPeriod.Weekly, "2025-03-30T17:30:00", "2025-04-01T00:00:00")] // the month ends first
    [InlineData(LogPeriod.Monthly, "2025-12-09T17:30:00", "2026-01-01T00:00:00")]
    public void NextPeriodStart(LogPeriod period, string clock, string next) =>
        Assert.Equal(DateTime.Parse(next, System.Globalization.CultureInfo.InvariantCulture), LogFileNaming.NextPeriodStart(period, DateTime.Parse(clock, System.Globalization.CultureInfo.InvariantCulture)));
}
