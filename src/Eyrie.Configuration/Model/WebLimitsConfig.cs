using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>
/// Server-wide connection limits, named as IIS's <c>system.applicationHost/webLimits</c>, tighter by default
/// at an edge, plus a per-client connection cap. They apply to listeners as they start.
/// </summary>
public sealed record WebLimitsConfig
{
    public static readonly TimeSpan DefaultHeaderWaitTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultConnectionTimeout = TimeSpan.FromMinutes(2);
    public const int DefaultMinBytesPerSecond = 240;
    public const int DefaultMaxConnectionsPerClient = 256;

    [Description("Time a client has to send the request line and headers (default 00:00:15; IIS leaves it off).")]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan? HeaderWaitTimeout { get; init; }

    [Description("Time an idle keep-alive connection is kept (IIS default 00:02:00).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? ConnectionTimeout { get; init; }

    [Description("The slowest a client may send a body or read a response, in bytes per second after a 5 s grace (IIS default 240; 0 turns it off).")]
    [Range(0, int.MaxValue)]
    public int? MinBytesPerSecond { get; init; }

    [Description("The most connections one client address may hold open at once (default 256; 0: no limit). Further connections are closed at once.")]
    [Range(0, int.MaxValue)]
    public int? MaxConnectionsPerClient { get; init; }

    [Description("The most connections a listener holds open at once (default: no limit).")]
    [Range(1, int.MaxValue)]
    public int? MaxConnections { get; init; }
}
