using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Binding;

/// <summary>
/// Remembers where each bound record and property was written, so that validators, which work on
/// records, can still report file, line and key. Keyed by reference: equal records are still different
/// places in the file.
/// </summary>
public sealed class ConfigSourceMap
{
    private readonly Dictionary<object, Entry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <summary>An empty map, for configurations built in code.</summary>
    public static ConfigSourceMap Empty => new();

    public void Record(object instance, SourceLocation location, string path)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _entries[instance] = new Entry(location, path, new Dictionary<string, SourceLocation>(StringComparer.Ordinal));
    }

    public void RecordProperty(object instance, string propertyName, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (_entries.TryGetValue(instance, out var entry))
        {
            entry.Properties[propertyName] = location;
        }
    }

    /// <summary>Where <paramref name="instance"/> was written, or <see cref="SourceLocation.None"/>.</summary>
    public SourceLocation LocationOf(object instance) =>
        _entries.TryGetValue(instance, out var entry) ? entry.Location : SourceLocation.None;

    /// <summary>Where a property's value was written; the record's own location if the key was left out.</summary>
    public SourceLocation LocationOf(object instance, string propertyName) =>
        _entries.TryGetValue(instance, out var entry)
            ? entry.Properties.GetValueOrDefault(propertyName, entry.Location)
            : SourceLocation.None;

    /// <summary>The key path of a record, e.g. <c>sites[0].applications[1]</c>.</summary>
    public string PathOf(object instance) => _entries.TryGetValue(instance, out var entry) ? entry.Path : "";

    /// <summary>The key path of a property, e.g. <c>sites[0].applications[1].physicalPath</c>.</summary>
    public string PathOf(object instance, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var key = ConfigTypeModel.For(instance.GetType()).FindByName(propertyName)?.Key ?? propertyName;
        var path = PathOf(instance);
        return path.Length == 0 ? key : path + "." + key;
    }

    private sealed record Entry(SourceLocation Location, string Path, Dictionary<string, SourceLocation> Properties);
}
