namespace Eyrie.Configuration.Import;

/// <summary>How <see cref="IisConfigImporter"/> writes what it imports.</summary>
public sealed record IisImportOptions
{
    /// <summary>The schema eyrie.json names, as the samples do (save it there with <c>eyrie schema</c>); null for none.</summary>
    public const string DefaultSchema = "eyrie.schema.json";

    /// <summary>Windows folder prefixes and the Linux folders they become (<c>--path-map</c>).</summary>
    public IReadOnlyList<PathMapEntry> PathMaps { get; init; } = [];

    public string? Schema { get; init; } = DefaultSchema;
}
