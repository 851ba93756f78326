using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>
/// An HTTP check of an application's workers (beyond IIS, which only waits for the port). A starting worker
/// gets traffic only once the check passes; with an interval, a ready worker that fails it
/// <c>unhealthyThreshold</c> times in a row is replaced, overlapped.
/// </summary>
public sealed record WorkerHealthCheckConfig
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    [Description("The path to request, e.g. /health (the app's path base is added).")]
    public required string Url { get; init; }

    [Description("How often a ready worker is checked (default 00:00:00: only when it starts).")]
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan? Interval { get; init; }

    [Description("How long one check may take (default 00:00:05).")]
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan? Timeout { get; init; }

    [Description("The statuses that pass, e.g. 200-399 (the default) or 200,204.")]
    public string? StatusCodes { get; init; }

    [Description("Text the response body must contain to pass.")]
    public string? ResponseMatch { get; init; }

    [Description("Failed checks in a row that make a ready worker unhealthy (default 3).")]
    [Range(1, 100)]
    public int? UnhealthyThreshold { get; init; }
}
