namespace Eyrie.Processes.Health;

/// <summary>The outcome of one health check: passed or not, and what was seen (for the log).</summary>
public readonly record struct HealthCheckResult(bool Passed, string Detail);
