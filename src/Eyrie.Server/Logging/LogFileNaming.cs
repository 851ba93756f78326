using System.Globalization;
using Eyrie.Configuration.Model;

namespace Eyrie.Server.Logging;

/// <summary>
/// IIS's W3C log file names (UTF-8 logs, hence the <c>u_</c> prefix) and periods. Times are on the rollover
/// clock: UTC, or local time with localTimeRollover.
/// </summary>
public static class LogFileNaming
{
    /// <summary>
    /// u_exYYMMDD.log (daily), u_exYYMMDDHH.log (hourly), u_exYYMMWW.log (weekly, WW the week of the month,
    /// weeks starting on Sunday), u_exYYMM.log (monthly), u_extendN.log (maxSize, N from 1).
    /// </summary>
    public static string FileName(LogPeriod period, DateTime clock, int sequence = 1) => period switch
    {
        LogPeriod.Hourly => string.Create(CultureInfo.InvariantCulture, $"u_ex{clock:yyMMddHH}.log"),
        LogPeriod.Daily => string.Create(CultureInfo.InvariantCulture, $"u_ex{clock:yyMMdd}.log"),
        LogPeriod.Weekly => string.Create(CultureInfo.InvariantCulture, $"u_ex{clock:yyMM}{WeekOfMonth(clock):00}.log"),
        LogPeriod.Monthly => string.Create(CultureInfo.InvariantCulture, $"u_ex{clock:yyMM}.log"),
        LogPeriod.MaxSize => string.Create(CultureInfo.InvariantCulture, $"u_extend{sequence}.log"),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>The sequence number of a maxSize file name (u_extend12.log → 12), or 0 if it is not one.</summary>
    public static int SequenceOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        const string Prefix = "u_extend";
        const string Suffix = ".log";
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return 0;
        }

        var digits = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Suffix.Length);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
    }

    /// <summary>The week of the month, from 1; a week starts on Sunday, and the 1st starts week 1.</summary>
    public static int WeekOfMonth(DateTime clock)
    {
        var first = new DateTime(clock.Year, clock.Month, 1, 0, 0, 0, clock.Kind);
        return ((clock.Day + (int)first.DayOfWeek - 1) / 7) + 1;
    }

    /// <summary>When the period after the one <paramref name="clock"/> is in starts, on the same clock.</summary>
    public static DateTime NextPeriodStart(LogPeriod period, DateTime clock)
    {
        var day = clock.Date;
        switch (period)
        {
            case LogPeriod.Hourly:
                return day.AddHours(clock.Hour + 1);
            case LogPeriod.Daily:
                return day.AddDays(1);
            case LogPeriod.Weekly:
                var nextSunday = day.AddDays(7 - (int)day.DayOfWeek);
                var nextMonth = new DateTime(clock.Year, clock.Month, 1, 0, 0, 0, clock.Kind).AddMonths(1);
                return nextSunday < nextMonth ? nextSunday : nextMonth;
            case LogPeriod.Monthly:
                return new DateTime(clock.Year, clock.Month, 1, 0, 0, 0, clock.Kind).AddMonths(1);
            default:
                return DateTime.MaxValue;
        }
    }
}
