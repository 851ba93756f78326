using System.Collections;
using System.Runtime.CompilerServices;

namespace Eyrie.Configuration.Model;

/// <summary>
/// An immutable list with value equality, so that configuration records compare by content and a
/// reload can tell "unchanged" from "changed" with <c>==</c>.
/// </summary>
[CollectionBuilder(typeof(ConfigList), nameof(ConfigList.Create))]
public sealed class ConfigList<T> : IReadOnlyList<T>, IEquatable<ConfigList<T>>
{
    private readonly T[] _items;

    public ConfigList(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items;
    }

    public static ConfigList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public static bool operator ==(ConfigList<T>? left, ConfigList<T>? right) => Equals(left, right);

    public static bool operator !=(ConfigList<T>? left, ConfigList<T>? right) => !Equals(left, right);

    public bool Equals(ConfigList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items));

    public override bool Equals(object? obj) => Equals(obj as ConfigList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ReadOnlySpan<T> AsSpan() => _items;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
