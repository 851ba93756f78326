namespace Eyrie.Configuration.Model;

/// <summary>Builds <see cref="ConfigList{T}"/> values, including from collection expressions.</summary>
public static class ConfigList
{
    public static ConfigList<T> Create<T>(ReadOnlySpan<T> items) =>
        items.IsEmpty ? ConfigList<T>.Empty : new ConfigList<T>(items.ToArray());

    public static ConfigList<T> From<T>(IEnumerable<T> items) => new([.. items]);
}
