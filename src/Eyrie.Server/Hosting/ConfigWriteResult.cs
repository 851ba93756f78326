using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Server.Hosting;

/// <summary>The outcome of a write of eyrie.json: what happened, why, the diagnostics (file, line, key), and the file's tag now.</summary>
public sealed record ConfigWriteResult(ConfigWriteOutcome Outcome, string Message, IReadOnlyList<ConfigDiagnostic> Diagnostics, string? ETag);
