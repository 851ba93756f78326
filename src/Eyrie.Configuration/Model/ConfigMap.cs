using System.Collections;

namespace Eyrie.Configuration.Model;

/// <summary>
/// An immutable string-to-string map with value equality and case-insensitive keys, as IIS compares
/// environment-variable and handler-setting names. Keeps the order in which entries were written.
/// </summary>
public sealed class ConfigMap : IReadOnlyDictionary<string, string>, IEquatable<ConfigMap>
{
    private readonly KeyValuePair<string, string>[] _entries;
    private readonly Dictionary<string, string> _lookup;

    public ConfigMap(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in entries)
        {
            // A later entry with the same name replaces the earlier one, in place.
            if (_lookup.ContainsKey(key))
            {
                ordered.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));
            }

            _lookup[key] = value;
            ordered.Add(new(key, value));
        }

        _entries = [.. ordered];
    }

    public static ConfigMap Empty { get; } = new([]);

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    public string this[string key] => _lookup[key];

    public static bool operator ==(ConfigMap? left, ConfigMap? right) => Equals(left, right);

    public static bool operator !=(ConfigMap? left, ConfigMap? right) => !Equals(left, right);

    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => _lookup.TryGetValue(key, out value!);

    /// <summary>Returns a map with <paramref name="other"/>'s entries added, replacing same-named ones.</summary>
    public ConfigMap With(IEnumerable<KeyValuePair<string, string>> other) => new(_entries.Concat(other));

    public bool Equals(ConfigMap? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _entries)
        {
            if (!other._lookup.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ConfigMap);

    public override int GetHashCode()
    {
        // Order-independent, so that equal maps hash equally whatever order they were written in.
        var hash = 0;
        foreach (var (key, value) in _entries)
        {
            hash ^= HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key), value);
        }

        return hash;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}={e.Value}")) + "}";
}
