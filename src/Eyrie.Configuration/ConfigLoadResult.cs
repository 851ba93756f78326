using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration;

/// <summary>The outcome of a load: a usable configuration, or none, and every diagnostic found.</summary>
public sealed record ConfigLoadResult(LoadedConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool Succeeded => Config is not null;

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
