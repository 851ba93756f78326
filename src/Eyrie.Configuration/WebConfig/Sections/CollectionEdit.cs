namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// What one configuration level does to an inherited IIS collection: drop all of it (<c>&lt;clear/&gt;</c>), drop
/// some entries by key (<c>&lt;remove&gt;</c>), add entries (<c>&lt;add&gt;</c>), in that order.
/// </summary>
public sealed record CollectionEdit<T>(bool Clear, IReadOnlyList<string> Remove, IReadOnlyList<T> Add)
{
    public static CollectionEdit<T> Empty { get; } = new(false, [], []);

    /// <summary>Applies this level to the inherited entries.</summary>
    /// <param name="inherited">The parent level's entries.</param>
    /// <param name="key">An entry's unique key, compared ignoring case as IIS does.</param>
    /// <param name="prepend">
    /// Put this level's entries before the inherited ones, as IIS does for collections whose schema says
    /// <c>mergeAppend="false"</c> (default documents); otherwise they follow. An entry replaces an inherited one with its key.
    /// </param>
    public IReadOnlyList<T> ApplyTo(IEnumerable<T> inherited, Func<T, string> key, bool prepend = false)
    {
        ArgumentNullException.ThrowIfNull(inherited);
        ArgumentNullException.ThrowIfNull(key);
        var dropped = new HashSet<string>(Remove, StringComparer.OrdinalIgnoreCase);
        dropped.UnionWith(Add.Select(key));
        var kept = Clear ? [] : inherited.Where(e => !dropped.Contains(key(e))).ToList();
        return prepend ? [.. Add, .. kept] : [.. kept, .. Add];
    }
}
