namespace Eyrie.Configuration.Diagnostics;

/// <summary>
/// One finding about a configuration file: where it is, which key, and what is wrong.
/// </summary>
/// <param name="Severity">Errors stop a load; warnings are reported and the load goes on.</param>
/// <param name="Location">File, line and column of the offending value.</param>
/// <param name="Key">The key path, e.g. <c>sites[0].bindings[1].port</c> or <c>aspNetCore/@startupTimeLimit</c>.</param>
/// <param name="Message">What is wrong and, where possible, what would be right.</param>
public sealed record ConfigDiagnostic(DiagnosticSeverity Severity, SourceLocation Location, string Key, string Message)
{
    /// <summary>Formats as <c>file(line,column): error: key: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var key = string.IsNullOrEmpty(Key) ? "" : Key + ": ";
        return $"{Location}: {severity}: {key}{Message}";
    }
}
