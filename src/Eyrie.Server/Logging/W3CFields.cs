using Eyrie.Configuration.Model;

namespace Eyrie.Server.Logging;

/// <summary>The W3C extended log field names IIS writes for each <see cref="LogExtFileFlag"/>.</summary>
public static class W3CFields
{
    /// <summary>Lines end as Linux text files do (IIS writes CRLF); every W3C reader accepts both.</summary>
    public const char NewLine = '\n';

    public static string Name(LogExtFileFlag field) => field switch
    {
        LogExtFileFlag.Date => "date",
        LogExtFileFlag.Time => "time",
        LogExtFileFlag.SiteName => "s-sitename",
        LogExtFileFlag.ComputerName => "s-computername",
        LogExtFileFlag.ServerIP => "s-ip",
        LogExtFileFlag.Method => "cs-method",
        LogExtFileFlag.UriStem => "cs-uri-stem",
        LogExtFileFlag.UriQuery => "cs-uri-query",
        LogExtFileFlag.ServerPort => "s-port",
        LogExtFileFlag.UserName => "cs-username",
        LogExtFileFlag.ClientIP => "c-ip",
        LogExtFileFlag.ProtocolVersion => "cs-version",
        LogExtFileFlag.UserAgent => "cs(User-Agent)",
        LogExtFileFlag.Cookie => "cs(Cookie)",
        LogExtFileFlag.Referer => "cs(Referer)",
        LogExtFileFlag.Host => "cs-host",
        LogExtFileFlag.HttpStatus => "sc-status",
        LogExtFileFlag.HttpSubStatus => "sc-substatus",
        LogExtFileFlag.Win32Status => "sc-win32-status",
        LogExtFileFlag.BytesSent => "sc-bytes",
        LogExtFileFlag.BytesRecv => "cs-bytes",
        LogExtFileFlag.TimeTaken => "time-taken",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
