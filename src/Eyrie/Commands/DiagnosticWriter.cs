using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Commands;

/// <summary>Writes configuration diagnostics as compilers do: <c>file(line,col): error: key: message</c>.</summary>
internal static class DiagnosticWriter
{
    public static void Write(TextWriter writer, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }

    public static void WriteSummary(TextWriter writer, IReadOnlyCollection<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count - errors;
        writer.WriteLine($"{errors} error(s), {warnings} warning(s)");
    }
}
