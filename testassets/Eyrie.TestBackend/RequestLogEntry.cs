namespace Eyrie.TestBackend;

/// <summary>One request the backend received: its method and target, and how many body bytes it got before it ended.</summary>
internal sealed record RequestLogEntry(string Method, string Target, long BodyBytes, bool Aborted);
