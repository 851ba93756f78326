namespace Eyrie.Server.Admin;

/// <summary>The answer of <c>POST /api/reload</c> when the configuration was applied.</summary>
public sealed record ReloadResponse(string Status, string Message, IReadOnlyList<DiagnosticModel> Warnings);
