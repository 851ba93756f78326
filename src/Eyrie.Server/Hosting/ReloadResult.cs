using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Server.Hosting;

/// <summary>The outcome of a configuration reload: applied (with its warnings) or rejected (with every error).</summary>
public sealed record ReloadResult(bool Applied, string Message, IReadOnlyList<ConfigDiagnostic> Diagnostics, DateTimeOffset At);
