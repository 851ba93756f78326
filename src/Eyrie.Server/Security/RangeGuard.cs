using Eyrie.Server.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Security;

/// <summary>
/// Range requests that could make an app's response larger than the resource (hardening.md §6 #22, the
/// "Apache Killer" family): more than <see cref="RangeRequest.MaxRanges"/> ranges, ranges that overlap, or
/// more than one range counted from the end. The edge does not know the resource's length, so such a Range
/// is dropped before forwarding and the app answers with the whole resource once, as RFC 9110 §14.2 allows.
/// </summary>
public static class RangeGuard
{
    public static bool IsAmplifying(string? header)
    {
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var range) || range.Ranges.Count <= 1)
        {
            return false;
        }

        if (range.Ranges.Count > RangeRequest.MaxRanges || range.Ranges.Any(r => r.From is null))
        {
            // A suffix range (-500) ends at the end of the resource: with any other range it may overlap.
            return true;
        }

        var ordered = range.Ranges.OrderBy(r => r.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].To is not { } end || ordered[i].From <= end)
            {
                return true;
            }
        }

        return false;
    }
}
