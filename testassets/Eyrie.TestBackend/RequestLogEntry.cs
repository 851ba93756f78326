namespace Eyrie.TestBackend;

/// <summary>
/// One request the backend received: its method and target, how many body bytes it got, whether it read the
/// body to its end, what a body read failed with, and whether the request was aborted when it was logged.
/// </summary>
internal sealed record RequestLogEntry(string Method, string Target, long BodyBytes, bool BodyEnded, string? BodyFailure, bool Aborted);
