namespace Eyrie.Server.Telemetry;

/// <summary>
/// The tags of one measurement as a dictionary key: up to four inline, so that finding an existing series
/// allocates nothing (more tags, which Eyrie's instruments never use, spill into an array).
/// </summary>
internal readonly struct TagKey : IEquatable<TagKey>
{
    private readonly KeyValuePair<string, object?> _t0;
    private readonly KeyValuePair<string, object?> _t1;
    private readonly KeyValuePair<string, object?> _t2;
    private readonly KeyValuePair<string, object?> _t3;
    private readonly KeyValuePair<string, object?>[]? _more;

    public TagKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = tags.Length;
        if (tags.Length > 0)
        {
            _t0 = tags[0];
        }

        if (tags.Length > 1)
        {
            _t1 = tags[1];
        }

        if (tags.Length > 2)
        {
            _t2 = tags[2];
        }

        if (tags.Length > 3)
        {
            _t3 = tags[3];
        }

        if (tags.Length > 4)
        {
            _more = tags[4..].ToArray();
        }
    }

    public int Count { get; }

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => _t0,
        1 => _t1,
        2 => _t2,
        3 => _t3,
        _ => _more![index - 4],
    };

    public bool Equals(TagKey other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            var (a, b) = (this[i], other[i]);
            if (!string.Equals(a.Key, b.Key, StringComparison.Ordinal) || !Equals(a.Value, b.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is TagKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Count; i++)
        {
            hash.Add(this[i].Key);
            hash.Add(this[i].Value);
        }

        return hash.ToHashCode();
    }
}
