using System.Text.RegularExpressions;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Turns IIS's Windows physical paths into Linux ones: <c>%SystemDrive%</c> is <c>C:</c> (the only variable
/// whose value can be assumed), then the longest matching <c>--path-map</c> prefix (whole segments, ignoring
/// case) is replaced and backslashes become slashes. A path no prefix matches is kept as it is and flagged.
/// </summary>
public sealed partial class PathMap(IEnumerable<PathMapEntry> entries)
{
    private readonly (string Prefix, string Target)[] _entries = [.. entries
        .Select(e => (Prefix: Normalize(ExpandSystemDrive(e.WindowsPrefix)).TrimEnd('\\'), Target: e.Target.Replace('\\', '/')))
        .OrderByDescending(e => e.Prefix.Length)];

    public static PathMap Empty { get; } = new([]);

    public MappedPath Map(string iisPath)
    {
        ArgumentNullException.ThrowIfNull(iisPath);
        var expanded = ExpandSystemDrive(iisPath.Trim());
        var normalized = Normalize(expanded);
        foreach (var (prefix, target) in _entries)
        {
            if (normalized.Equals(prefix, StringComparison.OrdinalIgnoreCase) ||
                normalized.StartsWith(prefix + "\\", StringComparison.OrdinalIgnoreCase))
            {
                var rest = normalized[prefix.Length..].Replace('\\', '/').TrimStart('/');
                var mapped = rest.Length == 0 ? target : target.TrimEnd('/') + "/" + rest;
                return new MappedPath(mapped, ImportAction.Mapped, $"{iisPath} → {mapped}");
            }
        }

        if (!IsWindowsPath(expanded))
        {
            return new MappedPath(expanded, ImportAction.Mapped, expanded);
        }

        var unknown = UnknownVariables(expanded);
        var why = unknown.Count > 0
            ? $"{string.Join(", ", unknown)} is only known on the Windows server; "
            : "";
        return new MappedPath(expanded, ImportAction.Changed,
            $"{expanded} kept as it is: {why}needs a Linux path (add --path-map '{SuggestedPrefix(expanded)}=/srv/…' or edit eyrie.json)");
    }

    /// <summary>True for drive-letter, UNC, backslashed or %VAR% paths.</summary>
    public static bool IsWindowsPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':') ||
               path.Contains('\\', StringComparison.Ordinal) ||
               VariablePattern().IsMatch(path);
    }

    private static string ExpandSystemDrive(string path) =>
        path.Replace("%SystemDrive%", "C:", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string path) => path.Replace('/', '\\');

    private static List<string> UnknownVariables(string path) =>
        [.. VariablePattern().Matches(path).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The path's first two segments, a likely prefix to map (C:\inetpub\shop → C:\inetpub).</summary>
    private static string SuggestedPrefix(string path)
    {
        var segments = path.Replace('/', '\\').Split('\\');
        return segments.Length > 2 ? string.Join('\\', segments.Take(2)) : path;
    }

    [GeneratedRegex("%[A-Za-z_][A-Za-z0-9_()]*%")]
    private static partial Regex VariablePattern();
}
