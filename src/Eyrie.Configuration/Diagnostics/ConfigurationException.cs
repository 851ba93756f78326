namespace Eyrie.Configuration.Diagnostics;

/// <summary>
/// Thrown when a configuration cannot be used. Carries every diagnostic of the load, errors and warnings.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    private static string FormatMessage(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count switch
        {
            0 => "The configuration is not valid.",
            1 => "The configuration is not valid: " + errors[0],
            _ => $"The configuration has {errors.Count} errors:" + Environment.NewLine +
                 string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
        };
    }
}
