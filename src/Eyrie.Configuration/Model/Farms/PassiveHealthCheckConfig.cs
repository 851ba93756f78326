using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>
/// Passive health checks (ARR's live-traffic testing): a server whose requests fail (no connection, no
/// answer in time, or a 5xx) <c>consecutiveFailures</c> times in a row gets no traffic for
/// <c>reactivationPeriod</c>.
/// </summary>
public sealed record PassiveHealthCheckConfig
{
    public const int DefaultConsecutiveFailures = 3;
    public static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(30);

    [Description("Watch live traffic (default true).")]
    public bool? Enabled { get; init; }

    [Description("Failed requests in a row that take a server out (default 3).")]
    [Range(1, 1000)]
    public int? ConsecutiveFailures { get; init; }

    [Description("How long it stays out before it is tried again (default 00:00:30).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? ReactivationPeriod { get; init; }
}
