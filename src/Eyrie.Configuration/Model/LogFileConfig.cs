using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>
/// IIS's <c>logFile</c> element: a site's W3C extended access log. Every value left out is taken from
/// <c>siteDefaults.logFile</c>, then from IIS's default.
/// </summary>
public sealed record LogFileConfig
{
    public const string DefaultDirectory = "logs";
    public const long DefaultTruncateSize = 20_971_520;

    /// <summary>IIS's default fields: Date, Time, ClientIP, UserName, ServerIP, Method, UriStem, UriQuery, HttpStatus, Win32Status, TimeTaken, ServerPort, UserAgent, Referer, HttpSubStatus.</summary>
    public static readonly ConfigList<LogExtFileFlag> DefaultFlags =
    [
        LogExtFileFlag.Date, LogExtFileFlag.Time, LogExtFileFlag.ClientIP, LogExtFileFlag.UserName, LogExtFileFlag.ServerIP,
        LogExtFileFlag.Method, LogExtFileFlag.UriStem, LogExtFileFlag.UriQuery, LogExtFileFlag.HttpStatus, LogExtFileFlag.Win32Status,
        LogExtFileFlag.TimeTaken, LogExtFileFlag.ServerPort, LogExtFileFlag.UserAgent, LogExtFileFlag.Referer, LogExtFileFlag.HttpSubStatus,
    ];

    [Description("Write the site's access log (IIS default true).")]
    public bool? Enabled { get; init; }

    [Description("The folder of the access logs, relative to eyrie.json's folder (default logs); each site writes into <directory>/<site name>/.")]
    public string? Directory { get; init; }

    [Description("When a new file starts (IIS default daily): daily u_exYYMMDD.log, hourly u_exYYMMDDHH.log, weekly u_exYYMMWW.log, monthly u_exYYMM.log, or maxSize u_extendN.log.")]
    public LogPeriod? Period { get; init; }

    [Description("With period maxSize, the size in bytes at which a new file starts (IIS default 20971520).")]
    [Range(typeof(long), "1048576", "4294967295")]
    public long? TruncateSize { get; init; }

    [Description("Roll over at local midnight (or hour) and name files by local time; the lines' date and time stay UTC, as in IIS (default false: UTC).")]
    public bool? LocalTimeRollover { get; init; }

    [Description("The W3C fields written, by IIS name (default IIS's: date, time, clientIP, userName, serverIP, method, uriStem, uriQuery, httpStatus, win32Status, timeTaken, serverPort, userAgent, referer, httpSubStatus). They are written in IIS's order whatever the order listed.")]
    public ConfigList<LogExtFileFlag>? LogExtFileFlags { get; init; }

    /// <summary>These values, with the ones left out taken from <paramref name="defaults"/> (IIS's siteDefaults).</summary>
    public LogFileConfig Over(LogFileConfig? defaults) => defaults is null ? this : new LogFileConfig
    {
        Enabled = Enabled ?? defaults.Enabled,
        Directory = Directory ?? defaults.Directory,
        Period = Period ?? defaults.Period,
        TruncateSize = TruncateSize ?? defaults.TruncateSize,
        LocalTimeRollover = LocalTimeRollover ?? defaults.LocalTimeRollover,
        LogExtFileFlags = LogExtFileFlags ?? defaults.LogExtFileFlags,
    };

    /// <summary>The effective settings of <paramref name="site"/> in <paramref name="config"/>: its own, then siteDefaults', then IIS's defaults.</summary>
    public static LogFileConfig For(SiteConfig site, EyrieConfig config)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(config);
        var merged = (site.LogFile ?? new LogFileConfig()).Over(config.SiteDefaults?.LogFile);
        return new LogFileConfig
        {
            Enabled = merged.Enabled ?? true,
            Directory = merged.Directory ?? DefaultDirectory,
            Period = merged.Period ?? LogPeriod.Daily,
            TruncateSize = merged.TruncateSize ?? DefaultTruncateSize,
            LocalTimeRollover = merged.LocalTimeRollover ?? false,
            LogExtFileFlags = merged.LogExtFileFlags ?? DefaultFlags,
        };
    }
}
