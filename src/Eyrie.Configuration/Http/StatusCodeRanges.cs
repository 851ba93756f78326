using System.Globalization;

namespace Eyrie.Configuration.Http;

/// <summary>A set of HTTP statuses written as ARR writes them: <c>200-399</c>, <c>200,204,301-302</c>.</summary>
public sealed class StatusCodeRanges
{
    public const string Default = "200-399";

    private readonly (int From, int To)[] _ranges;

    private StatusCodeRanges((int From, int To)[] ranges) => _ranges = ranges;

    public static StatusCodeRanges DefaultRanges { get; } = Parse(Default);

    public bool Contains(int status)
    {
        foreach (var (from, to) in _ranges)
        {
            if (status >= from && status <= to)
            {
                return true;
            }
        }

        return false;
    }

    public static bool TryParse(string? text, out StatusCodeRanges ranges, out string error)
    {
        ranges = DefaultRanges;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (fromText, toText) = dash < 0 ? (part, part) : (part[..dash].Trim(), part[(dash + 1)..].Trim());
            if (!TryStatus(fromText, out var from) || !TryStatus(toText, out var to) || from > to)
            {
                error = $"'{part}' is not a status or a range of statuses such as 200-399";
                return false;
            }

            parsed.Add((from, to));
        }

        ranges = new StatusCodeRanges([.. parsed]);
        return true;
    }

    public static StatusCodeRanges Parse(string? text) =>
        TryParse(text, out var ranges, out var error) ? ranges : throw new FormatException(error);

    private static bool TryStatus(string text, out int status) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 599;
}
