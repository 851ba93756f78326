namespace Eyrie.Configuration.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
