namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>One request the test backend received (see the backend's RequestLogEntry).</summary>
internal sealed record BackendRequest(string Method, string Target, long BodyBytes, bool BodyEnded, string? BodyFailure, bool Aborted);
