using System.Reflection;
using System.Text;
using Eyrie.Configuration;
using Eyrie.Configuration.Model;

namespace Eyrie.Server.Logging;

/// <summary>
/// A site's access log as configured (its <c>logFile</c> over <c>siteDefaults.logFile</c> over IIS's defaults),
/// resolved: the site's own folder, the fields in IIS's order, and the clock that names files.
/// </summary>
/// <param name="Site">The site's name.</param>
/// <param name="Directory">The site's folder: the log directory, resolved, then the site's name.</param>
/// <param name="Period">When a new file starts.</param>
/// <param name="TruncateSize">With <see cref="LogPeriod.MaxSize"/>, the size at which a new file starts.</param>
/// <param name="Zone">The clock of rollover and file names: UTC, or the local zone with localTimeRollover.</param>
/// <param name="Fields">The fields, each once, in IIS's order.</param>
public sealed record AccessLogSettings(string Site, string Directory, LogPeriod Period, long TruncateSize, TimeZoneInfo Zone, ConfigList<LogExtFileFlag> Fields)
{
    private static readonly string Software = "Eyrie " + Version();

    /// <summary>The site's settings, or null when its access log is off.</summary>
    public static AccessLogSettings? For(LoadedConfig loaded, SiteConfig site, TimeZoneInfo localZone)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(site);
        var logFile = LogFileConfig.For(site, loaded.Config);
        if (logFile.Enabled != true)
        {
            return null;
        }

        return new AccessLogSettings(
            site.Name,
            Path.Combine(loaded.ResolvePath(logFile.Directory!), site.Name),
            logFile.Period!.Value,
            logFile.TruncateSize!.Value,
            logFile.LocalTimeRollover == true ? localZone : TimeZoneInfo.Utc,
            [.. logFile.LogExtFileFlags!.Distinct().Order()]);
    }

    /// <summary><paramref name="utc"/> on the rollover clock.</summary>
    public DateTime ToClock(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;

    /// <summary>The first instant of the period after the one <paramref name="utc"/> is in (never, for maxSize).</summary>
    public DateTimeOffset NextBoundary(DateTimeOffset utc)
    {
        if (Period == LogPeriod.MaxSize)
        {
            return DateTimeOffset.MaxValue;
        }

        var next = LogFileNaming.NextPeriodStart(Period, ToClock(utc));

        // A local midnight that a daylight-saving change skips starts the period an hour later.
        while (Zone.IsInvalidTime(next))
        {
            next = next.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(next, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
    }

    /// <summary>The directives IIS writes at the start of a file, and again whenever it opens one to append: #Software, #Version, #Date (UTC), #Fields.</summary>
    public byte[] Header(DateTimeOffset utc)
    {
        var text = new StringBuilder()
            .Append("#Software: ").Append(Software).Append(W3CFields.NewLine)
            .Append("#Version: 1.0").Append(W3CFields.NewLine)
            .Append("#Date: ").Append(utc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(W3CFields.NewLine)
            .Append("#Fields: ").AppendJoin(' ', Fields.Select(W3CFields.Name)).Append(W3CFields.NewLine);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Version()
    {
        var version = typeof(AccessLogSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
