namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>One request the test backend received.</summary>
internal sealed record BackendRequest(string Method, string Target, long BodyBytes, bool Aborted);
