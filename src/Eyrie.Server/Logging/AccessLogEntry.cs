using System.Net;

namespace Eyrie.Server.Logging;

/// <summary>What one access log line says about a finished request; the strings are the request's own.</summary>
public readonly record struct AccessLogEntry
{
    /// <summary>When the request completed (UTC).</summary>
    public DateTimeOffset Time { get; init; }

    public string? SiteName { get; init; }

    public IPAddress? ServerAddress { get; init; }

    public int ServerPort { get; init; }

    public IPAddress? ClientAddress { get; init; }

    public string? Method { get; init; }

    /// <summary>The path as the client sent it, decoded, before any rewrite.</summary>
    public string? UriStem { get; init; }

    /// <summary>The query string as sent, with or without its '?'.</summary>
    public string? UriQuery { get; init; }

    public string? UserName { get; init; }

    public string? ProtocolVersion { get; init; }

    public string? UserAgent { get; init; }

    public string? Cookie { get; init; }

    public string? Referer { get; init; }

    public string? Host { get; init; }

    public int Status { get; init; }

    public int SubStatus { get; init; }

    public int Win32Status { get; init; }

    /// <summary>The response body's length when known.</summary>
    public long? BytesSent { get; init; }

    /// <summary>The request body's length when known.</summary>
    public long? BytesReceived { get; init; }

    public long TimeTakenMilliseconds { get; init; }
}
