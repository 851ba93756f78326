using Eyrie.Configuration.Http;

namespace Eyrie.Processes.Health;

/// <summary>The HTTP check of an application's workers, resolved.</summary>
/// <param name="Url">The path below the app's path base, e.g. <c>/health</c>.</param>
/// <param name="Interval">How often a ready worker is checked; zero: only when it starts.</param>
/// <param name="Timeout">How long one check may take.</param>
/// <param name="Statuses">The statuses that pass.</param>
/// <param name="ResponseMatch">Text the body must contain, if any.</param>
/// <param name="UnhealthyThreshold">Failed checks in a row that make a ready worker unhealthy.</param>
public sealed record WorkerHealthCheck(string Url, TimeSpan Interval, TimeSpan Timeout, StatusCodeRanges Statuses, string? ResponseMatch, int UnhealthyThreshold);
