using System.Buffers;

namespace Eyrie.Server.StaticFiles;

/// <summary>
/// Decides, on the decoded path and before the file system is touched, whether a virtual directory may
/// serve it. Names compare ignoring case, and the Windows aliases of a protected name (trailing dot or
/// space, <c>::$DATA</c> streams, 8.3 short names, cookieless segments) are refused too, so that a folder
/// that came from IIS is as protected here as it was there (hardening.md §3).
/// </summary>
public static class StaticPathGuard
{
    // IIS's hidden segments (requestFiltering/hiddenSegments with ASP.NET installed).
    private static readonly HashSet<string> HiddenSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "web.config", "bin", "App_code", "App_GlobalResources", "App_LocalResources", "App_WebReferences", "App_Data", "App_Browsers",
    };

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("\\:*?\"<>|\0");

    /// <param name="relativePath">The decoded path below the virtual directory, e.g. <c>/css/site.css</c>.</param>
    public static PathVerdict Check(ReadOnlySpan<char> relativePath)
    {
        if (relativePath.Contains('%'))
        {
            return PathVerdict.DoubleEscaped;
        }

        if (relativePath.IndexOfAny(Forbidden) >= 0 || ContainsControl(relativePath))
        {
            return PathVerdict.DeniedSequence;
        }

        var path = relativePath.StartsWith('/') ? relativePath[1..] : relativePath;
        var last = PathVerdict.Allowed;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                // A trailing slash names a folder; an empty segment anywhere else is "//".
                if (range.End.Value == path.Length)
                {
                    continue;
                }

                return PathVerdict.DeniedSequence;
            }

            last = CheckSegment(segment);
            if (last != PathVerdict.Allowed)
            {
                return last;
            }
        }

        return CheckFileName(path.IsEmpty ? path : path[(path.LastIndexOf('/') + 1)..]);
    }

    private static PathVerdict CheckSegment(ReadOnlySpan<char> segment)
    {
        if (segment is "." or ".." || segment[^1] is '.' or ' ')
        {
            return PathVerdict.DeniedSequence;
        }

        if (segment[0] == '.')
        {
            return PathVerdict.HiddenSegment;
        }

        // 8.3 short names and ASP.NET cookieless-session segments such as (S(abc)) are aliases on IIS.
        if (IsShortName(segment) || (segment[0] == '(' && segment[^1] == ')'))
        {
            return PathVerdict.DeniedSequence;
        }

        var lookup = HiddenSegments.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(segment) ? PathVerdict.HiddenSegment : PathVerdict.Allowed;
    }

    /// <summary>Files an app folder holds that are never content: configuration, dependency manifests, app_offline.htm.</summary>
    private static PathVerdict CheckFileName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return PathVerdict.Allowed;
        }

        if (name.Equals("app_offline.htm", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".config", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase) ||
            (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            return PathVerdict.DeniedFile;
        }

        return PathVerdict.Allowed;
    }

    /// <summary>A Windows 8.3 short name such as <c>WEB~1.CON</c> or <c>APP_DA~1</c>.</summary>
    private static bool IsShortName(ReadOnlySpan<char> segment)
    {
        var tilde = segment.IndexOf('~');
        return tilde > 0 && tilde + 1 < segment.Length && char.IsAsciiDigit(segment[tilde + 1]);
    }

    private static bool ContainsControl(ReadOnlySpan<char> path)
    {
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
