using System.Buffers;
using System.Collections.Frozen;
using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Security;

/// <summary>
/// IIS's request filtering, compiled from merged settings (iis-ancm.md §5): verbs (404.6), URL and query
/// length (404.14, 404.15), high-bit characters (404.12), double escaping (404.11), URL segments (404.20),
/// hidden segments (404.8), file extensions (404.7), denied URL and query-string sequences (404.5, 404.18,
/// with the always-allowed exceptions), filtering rules (404.19), header sizes (431) and the body size
/// (413.1, also enforced while the body streams). Runs on every request, so lookups are built once and
/// nothing is allocated to check an ordinary request.
/// </summary>
public sealed class RequestFilter
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly FrozenDictionary<string, bool> _verbs;
    private readonly bool _allowUnlistedVerbs;
    private readonly FrozenDictionary<string, bool> _extensions;
    private readonly bool _allowUnlistedExtensions;
    private readonly FrozenSet<string> _hiddenSegments;
    private readonly string[] _denyUrlSequences;
    private readonly string[] _denyQuerySequences;
    private readonly FrozenSet<string> _alwaysAllowedUrls;
    private readonly FrozenSet<string> _alwaysAllowedQueryStrings;
    private readonly bool _allowDoubleEscaping;
    private readonly bool _allowHighBit;
    private readonly bool _unescapeQueryString;
    private readonly long _maxContentLength;
    private readonly long _maxUrl;
    private readonly long _maxQueryString;
    private readonly (string Header, uint Limit)[] _headerLimits;
    private readonly CompiledFilteringRule[] _rules;
    private readonly int _maxUrlSegments;

    public RequestFilter(RequestFilteringConfig merged, SiteLimitsConfig? limits)
    {
        ArgumentNullException.ThrowIfNull(merged);
        _verbs = (merged.Verbs?.Add ?? []).GroupBy(v => v.Verb, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.Last().Allowed, StringComparer.OrdinalIgnoreCase);
        _allowUnlistedVerbs = merged.Verbs?.AllowUnlisted ?? true;
        _extensions = (merged.FileExtensions?.Add ?? []).GroupBy(e => e.FileExtension, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.Last().Allowed, StringComparer.OrdinalIgnoreCase);
        _allowUnlistedExtensions = merged.FileExtensions?.AllowUnlisted ?? true;
        _hiddenSegments = (merged.HiddenSegments?.Add ?? []).Select(s => s.Segment).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _denyUrlSequences = [.. (merged.DenyUrlSequences?.Add ?? []).Select(s => s.Sequence).Where(s => s.Length > 0)];
        _denyQuerySequences = [.. (merged.DenyQueryStringSequences?.Add ?? []).Select(s => s.Sequence).Where(s => s.Length > 0)];
        _alwaysAllowedUrls = (merged.AlwaysAllowedUrls?.Add ?? []).Select(u => u.Url).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _alwaysAllowedQueryStrings = (merged.AlwaysAllowedQueryStrings?.Add ?? []).Select(q => q.QueryString.TrimStart('?')).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _allowDoubleEscaping = merged.AllowDoubleEscaping ?? false;
        _allowHighBit = merged.AllowHighBitCharacters ?? true;
        _unescapeQueryString = merged.UnescapeQueryString ?? true;
        RemoveServerHeader = merged.RemoveServerHeader ?? false;
        var requestLimits = merged.RequestLimits;
        _maxContentLength = requestLimits?.MaxAllowedContentLength ?? RequestLimitsConfig.DefaultMaxAllowedContentLength;
        _maxUrl = requestLimits?.MaxUrl ?? RequestLimitsConfig.DefaultMaxUrl;
        _maxQueryString = requestLimits?.MaxQueryString ?? RequestLimitsConfig.DefaultMaxQueryString;
        _headerLimits = [.. (requestLimits?.HeaderLimits?.Add ?? []).Select(h => (h.Header, h.SizeLimit))];
        _rules = [.. (merged.FilteringRules?.Add ?? []).Select(r => new CompiledFilteringRule(
            r.Name,
            (r.AppliesTo?.Add ?? []).Select(e => e.FileExtension).ToHashSet(StringComparer.OrdinalIgnoreCase),
            [.. (r.DenyStrings?.Add ?? []).Select(d => d.Value).Where(d => d.Length > 0)],
            r.ScanUrl,
            r.ScanQueryString,
            r.ScanAllRaw,
            r.DenyUnescapedPercent,
            [.. (r.ScanHeaders?.Add ?? []).Select(h => h.RequestHeader)]))];
        _maxUrlSegments = limits?.MaxUrlSegments ?? SiteLimitsConfig.DefaultMaxUrlSegments;
    }

    /// <summary>requestFiltering/@removeServerHeader.</summary>
    public bool RemoveServerHeader { get; }

    /// <summary>The body size limit, enforced by the server while the body streams.</summary>
    public long MaxAllowedContentLength => _maxContentLength;

    public SecurityDecision Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (_verbs.TryGetValue(request.Method, out var verbAllowed) ? !verbAllowed : !_allowUnlistedVerbs)
        {
            return NotFound(6);
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, queryStart);
        var rawQuery = queryStart < 0 ? ReadOnlySpan<char>.Empty : rawTarget.AsSpan(queryStart + 1);
        if (rawPath.Length > _maxUrl)
        {
            return NotFound(14);
        }

        if (rawQuery.Length > _maxQueryString)
        {
            return NotFound(15);
        }

        if (!_allowHighBit && HasHighBit(rawPath))
        {
            return NotFound(12);
        }

        var path = request.Path.Value ?? "/";
        if (!_allowDoubleEscaping && (path.Contains('+', StringComparison.Ordinal) || HasEscape(path)))
        {
            // IIS's second decoding pass would change the URL: an escape survived the first, or a '+'.
            return NotFound(11);
        }

        var verdict = CheckSegments(path);
        if (verdict.IsDenied)
        {
            return verdict;
        }

        if (_denyUrlSequences.Length > 0 && !_alwaysAllowedUrls.Contains(path) && (ContainsAny(path, _denyUrlSequences) || ContainsAny(rawPath, _denyUrlSequences)))
        {
            return NotFound(5);
        }

        if (_denyQuerySequences.Length > 0 && !rawQuery.IsEmpty && !_alwaysAllowedQueryStrings.Contains(rawQuery.ToString()) &&
            (ContainsAny(rawQuery, _denyQuerySequences) || (_unescapeQueryString && ContainsAny(Unescape(rawQuery), _denyQuerySequences))))
        {
            return NotFound(18);
        }

        if (_rules.Length > 0 && IsDeniedByRule(context, path, rawTarget, rawQuery))
        {
            return NotFound(19);
        }

        foreach (var (header, limit) in _headerLimits)
        {
            if (request.Headers.TryGetValue(header, out var value) && (limit == 0 || Length(value) > limit))
            {
                return SecurityDecision.Deny(StatusCodes.Status431RequestHeaderFieldsTooLarge, 0);
            }
        }

        if (request.ContentLength > _maxContentLength)
        {
            return SecurityDecision.Deny(StatusCodes.Status413PayloadTooLarge, 1);
        }

        return SecurityDecision.Pass;
    }

    private SecurityDecision CheckSegments(string path)
    {
        var span = path.AsSpan().TrimStart('/');
        var segments = 0;
        var lookup = _hiddenSegments.GetAlternateLookup<ReadOnlySpan<char>>();
        ReadOnlySpan<char> last = default;
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            if (++segments > _maxUrlSegments)
            {
                return NotFound(20);
            }

            if (_hiddenSegments.Count > 0 && lookup.Contains(segment))
            {
                return NotFound(8);
            }

            last = segment;
        }

        var dot = last.LastIndexOf('.');
        if (dot >= 0 && (_extensions.Count > 0 || !_allowUnlistedExtensions))
        {
            var extension = last[dot..];
            var extensionLookup = _extensions.GetAlternateLookup<ReadOnlySpan<char>>();
            if (extensionLookup.TryGetValue(extension, out var allowed) ? !allowed : !_allowUnlistedExtensions)
            {
                return NotFound(7);
            }
        }
        else if (dot < 0 && !_allowUnlistedExtensions && !(_extensions.TryGetValue(".", out var noExtension) && noExtension))
        {
            // An extensionless URL is listed as "." in IIS's fileExtensions.
            return NotFound(7);
        }

        return SecurityDecision.Pass;
    }

    private bool IsDeniedByRule(HttpContext context, string path, string rawTarget, ReadOnlySpan<char> rawQuery)
    {
        var extension = Path.GetExtension(path);
        foreach (var rule in _rules)
        {
            if (rule.AppliesTo.Count > 0 && !rule.AppliesTo.Contains(extension))
            {
                continue;
            }

            if (rule.ScanUrl && (ContainsAny(path, rule.DenyStrings) || (rule.DenyUnescapedPercent && path.Contains('%', StringComparison.Ordinal))))
            {
                return true;
            }

            if (rule.ScanQueryString && !rawQuery.IsEmpty)
            {
                var unescaped = Unescape(rawQuery);
                if (ContainsAny(rawQuery, rule.DenyStrings) || ContainsAny(unescaped, rule.DenyStrings) || (rule.DenyUnescapedPercent && unescaped.Contains('%', StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            if (rule.ScanAllRaw && ContainsAny(rawTarget, rule.DenyStrings))
            {
                return true;
            }

            foreach (var header in rule.ScanAllRaw ? context.Request.Headers.Keys.ToArray() : rule.ScanHeaders)
            {
                if (context.Request.Headers.TryGetValue(header, out var values) && values.Any(v => v is not null && ContainsAny(v, rule.DenyStrings)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static SecurityDecision NotFound(int subStatus) => SecurityDecision.Deny(StatusCodes.Status404NotFound, subStatus);

    private static bool ContainsAny(ReadOnlySpan<char> text, string[] sequences)
    {
        foreach (var sequence in sequences)
        {
            if (text.Contains(sequence, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A '%' followed by two hex digits: an escape that a second decoding would turn into something else.</summary>
    private static bool HasEscape(string path)
    {
        for (var i = path.IndexOf('%', StringComparison.Ordinal); i >= 0; i = path.IndexOf('%', i + 1))
        {
            if (i + 2 < path.Length && HexDigits.Contains(path[i + 1]) && HexDigits.Contains(path[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasHighBit(ReadOnlySpan<char> rawPath)
    {
        for (var i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] > 0x7F)
            {
                return true;
            }

            // An escaped byte above 0x7F (%80–%FF) is a high-bit character too.
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && rawPath[i + 1] is >= '8' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F' && HexDigits.Contains(rawPath[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(ReadOnlySpan<char> value) => WebUtility.UrlDecode(value.ToString());

    private static long Length(Microsoft.Extensions.Primitives.StringValues values)
    {
        long total = 0;
        foreach (var value in values)
        {
            total += value?.Length ?? 0;
        }

        return total;
    }
}
