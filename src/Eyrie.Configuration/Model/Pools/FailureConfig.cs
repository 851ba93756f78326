using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>
/// IIS's <c>failure</c>: rapid-fail protection of the pool, on top of ANCM's per-minute limit. Too many
/// worker failures within the interval stop the pool: it answers 503 until an explicit start
/// (<c>eyrie app start</c>).
/// </summary>
public sealed record FailureConfig
{
    public const int DefaultMaxCrashes = 5;
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    [Description("Stop the pool after too many failures (IIS default true).")]
    public bool? RapidFailProtection { get; init; }

    [Description("Worker crashes and failed starts allowed within the interval (IIS default 5).")]
    [Range(1, 2147483647)]
    public int? RapidFailProtectionMaxCrashes { get; init; }

    [Description("The interval (IIS default 00:05:00).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? RapidFailProtectionInterval { get; init; }

    [Description("HttpLevel (default): a stopped pool or a full queue answers 503. TcpLevel: the connection is closed.")]
    public LoadBalancerCapabilities? LoadBalancerCapabilities { get; init; }
}
