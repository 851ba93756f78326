namespace Eyrie.Configuration.Paths;

/// <summary>
/// IIS virtual paths (<c>/</c>, <c>/shop</c>, <c>/api/v2</c>): absolute, '/'-separated, no trailing slash except
/// the root, no dot segments. Compared case-insensitively, as IIS does.
/// </summary>
public static class VirtualPath
{
    public const string Root = "/";

    /// <summary>Normalises <paramref name="path"/> or explains why it is not a valid virtual path.</summary>
    public static bool TryNormalize(string path, out string normalized, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        normalized = "";
        error = "";
        if (path.Length == 0 || path[0] != '/')
        {
            error = "must start with '/'";
            return false;
        }

        foreach (var c in path)
        {
            if (char.IsControl(c) || c is '\\' or '?' or '#' or '%' or '*' or ':' or '<' or '>' or '"' or '|')
            {
                error = $"must not contain '{(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())}'";
                return false;
            }
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (trimmed.Length == 0)
        {
            trimmed = Root;
        }

        if (trimmed != Root)
        {
            foreach (var segment in trimmed[1..].Split('/'))
            {
                if (segment.Length == 0)
                {
                    error = "must not contain empty segments ('//')";
                    return false;
                }

                if (segment is "." or ".." || segment.EndsWith('.') || segment.EndsWith(' '))
                {
                    error = $"must not contain the segment '{segment}'";
                    return false;
                }
            }
        }

        normalized = trimmed;
        return true;
    }

    /// <summary>Normalises a path of a validated configuration.</summary>
    public static string Normalize(string path) =>
        TryNormalize(path, out var normalized, out var error) ? normalized : throw new FormatException($"'{path}' {error}");

    /// <summary>True if <paramref name="requestPath"/> is <paramref name="virtualPath"/> or below it, ignoring case.</summary>
    public static bool Contains(string virtualPath, ReadOnlySpan<char> requestPath)
    {
        ArgumentNullException.ThrowIfNull(virtualPath);
        if (virtualPath == Root)
        {
            return true;
        }

        return requestPath.StartsWith(virtualPath, StringComparison.OrdinalIgnoreCase) &&
               (requestPath.Length == virtualPath.Length || requestPath[virtualPath.Length] == '/');
    }
}
