using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Server.Admin;

/// <summary>A configuration diagnostic as the admin API returns it.</summary>
public sealed record DiagnosticModel(string Severity, string? File, int Line, int Column, string Key, string Message, string Text)
{
    public static DiagnosticModel From(ConfigDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new(
            diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning",
            diagnostic.Location.File,
            diagnostic.Location.Line,
            diagnostic.Location.Column,
            diagnostic.Key,
            diagnostic.Message,
            diagnostic.ToString());
    }
}
