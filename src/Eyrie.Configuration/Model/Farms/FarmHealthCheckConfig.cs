using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>
/// ARR's <c>healthCheck</c>: every server is asked for <c>url</c> at each interval; a failed test (a status
/// outside <c>statusCodes</c>, a body without <c>responseMatch</c>, no answer within the timeout) counts
/// against the server, and a passing one makes it healthy again.
/// </summary>
public sealed record FarmHealthCheckConfig
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    [Description("The path each server is asked for, e.g. /health; empty turns active checks off.")]
    public string? Url { get; init; }

    [Description("Time between tests (ARR default 00:00:30).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? Interval { get; init; }

    [Description("Time a test may take (ARR default 00:00:30).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? Timeout { get; init; }

    [Description("The statuses that pass, e.g. 200-399 (the default) or 200,204.")]
    public string? StatusCodes { get; init; }

    [Description("Text the response body must contain to pass.")]
    public string? ResponseMatch { get; init; }

    [Description("Failed tests in a row that make a server unhealthy (default 1, as ARR).")]
    [Range(1, 100)]
    public int? UnhealthyThreshold { get; init; }
}
