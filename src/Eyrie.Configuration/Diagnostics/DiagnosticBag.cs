namespace Eyrie.Configuration.Diagnostics;

/// <summary>Collects every finding of one load, so a user sees all errors at once instead of one per run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<ConfigDiagnostic> _items = [];

    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Error(SourceLocation location, string key, string message) =>
        Add(new ConfigDiagnostic(DiagnosticSeverity.Error, location, key, message));

    public void Warning(SourceLocation location, string key, string message) =>
        Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, location, key, message));

    public void Add(ConfigDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _items.Add(diagnostic);
        HasErrors |= diagnostic.Severity == DiagnosticSeverity.Error;
    }

    public void AddRange(IEnumerable<ConfigDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }
}
