namespace Eyrie.Configuration.Model;

/// <summary>
/// IIS's <c>logFile/@logExtFileFlags</c> names: the W3C fields a site's access log writes. Whatever order they
/// are listed in, the fields are written in IIS's order (the order of this enum).
/// </summary>
public enum LogExtFileFlag
{
    /// <summary>date: the UTC date the request completed.</summary>
    Date,

    /// <summary>time: the UTC time the request completed.</summary>
    Time,

    /// <summary>s-sitename: the site's name (IIS writes its service name, W3SVC&lt;id&gt;).</summary>
    SiteName,

    /// <summary>s-computername: the machine's name.</summary>
    ComputerName,

    /// <summary>s-ip: the local address the request came in on.</summary>
    ServerIP,

    /// <summary>cs-method.</summary>
    Method,

    /// <summary>cs-uri-stem: the path as the client sent it (before any rewrite), decoded.</summary>
    UriStem,

    /// <summary>cs-uri-query: the query string without its '?'.</summary>
    UriQuery,

    /// <summary>s-port.</summary>
    ServerPort,

    /// <summary>cs-username: the authenticated user (Eyrie does not authenticate: '-').</summary>
    UserName,

    /// <summary>c-ip: the client's address.</summary>
    ClientIP,

    /// <summary>cs-version: the protocol, e.g. HTTP/1.1.</summary>
    ProtocolVersion,

    /// <summary>cs(User-Agent).</summary>
    UserAgent,

    /// <summary>cs(Cookie).</summary>
    Cookie,

    /// <summary>cs(Referer).</summary>
    Referer,

    /// <summary>cs-host: the Host header.</summary>
    Host,

    /// <summary>sc-status.</summary>
    HttpStatus,

    /// <summary>sc-substatus: IIS's sub-status (404.7 → 7).</summary>
    HttpSubStatus,

    /// <summary>sc-win32-status: 0, or 64 (ERROR_NETNAME_DELETED) when the client's connection was lost.</summary>
    Win32Status,

    /// <summary>sc-bytes: the response body's Content-Length ('-' when it was sent chunked).</summary>
    BytesSent,

    /// <summary>cs-bytes: the request body's Content-Length ('-' when it was sent chunked).</summary>
    BytesRecv,

    /// <summary>time-taken: milliseconds from the request's arrival to the end of its response.</summary>
    TimeTaken,
}
