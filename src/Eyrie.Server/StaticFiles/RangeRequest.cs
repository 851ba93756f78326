using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.StaticFiles;

/// <summary>
/// Reads a Range header against a file's length (RFC 9110 §14). Ranges are bounded so a response can never
/// be made larger than the file: more than <see cref="MaxRanges"/> ranges, or ranges that overlap, are
/// answered with the whole file instead (hardening.md §6 #22).
/// </summary>
public static class RangeRequest
{
    public const int MaxRanges = 16;

    /// <summary>
    /// Null: no usable Range header, serve the whole file. Empty: nothing satisfiable, answer 416.
    /// Otherwise the ranges to send, in order.
    /// </summary>
    public static IReadOnlyList<ByteRange>? Parse(string? header, long length)
    {
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var range) ||
            !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count > MaxRanges)
        {
            return null;
        }

        var result = new List<ByteRange>();
        foreach (var item in range.Ranges)
        {
            ByteRange? normalized = (item.From, item.To) switch
            {
                ({ } from, _) when from >= length => null,
                ({ } from, { } to) => new ByteRange(from, Math.Min(to, length - 1)),
                ({ } from, null) => new ByteRange(from, length - 1),
                (null, { } suffix) when suffix > 0 && length > 0 => new ByteRange(Math.Max(0, length - suffix), length - 1),
                _ => null,
            };
            if (normalized is { } satisfiable && satisfiable.From <= satisfiable.To)
            {
                result.Add(satisfiable);
            }
        }

        var ordered = result.OrderBy(r => r.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].From <= ordered[i - 1].To)
            {
                // Overlapping ranges could multiply the response: send the file once instead.
                return null;
            }
        }

        return result;
    }
}
