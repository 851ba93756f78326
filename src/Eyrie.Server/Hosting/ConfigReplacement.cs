namespace Eyrie.Server.Hosting;

/// <summary>A request to replace eyrie.json, queued to the reload loop so that checking If-Match, applying and writing happen as one step.</summary>
internal sealed record ConfigReplacement(byte[] Content, string IfMatch, TaskCompletionSource<ConfigWriteResult> Completion);
