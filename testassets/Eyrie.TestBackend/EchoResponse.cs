namespace Eyrie.TestBackend;

/// <summary>What /echo reports about the request the backend received.</summary>
internal sealed record EchoResponse(
    string Method,
    string PathBase,
    string Path,
    string QueryString,
    string Host,
    string Scheme,
    string RemoteIp,
    Dictionary<string, string> Headers,
    long BodyLength,
    int ProcessId,
    string Version);
