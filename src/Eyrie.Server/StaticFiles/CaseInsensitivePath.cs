namespace Eyrie.Server.StaticFiles;

/// <summary>
/// Finds a file or folder by a path whose letters may differ in case from the names on disk, as IIS finds it on
/// NTFS: a site moved from Windows keeps links such as <c>/Images/Logo.PNG</c> to <c>images/logo.png</c>. Asked
/// only after the exact path missed, segment by segment (an exact segment is taken as it is). A segment that
/// matches several names (<c>Logo.png</c> and <c>logo.png</c>) matches none, so on a case-sensitive file system
/// no request is served a file it did not name unambiguously. The result goes through the same canonical-path
/// checks as an exact path.
/// </summary>
internal static class CaseInsensitivePath
{
    private static readonly EnumerationOptions Options = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        MatchType = MatchType.Simple,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
    };

    /// <summary>The path under <paramref name="root"/> that <paramref name="relative"/> names ignoring case, or null (none, or ambiguous).</summary>
    public static string? Find(string root, string relative)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relative);
        var current = root;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var exact = Path.Join(current, segment);
            if (Path.Exists(exact))
            {
                current = exact;
                continue;
            }

            // A pattern character would match other names; dot segments never reach here (the guard refuses them).
            if (segment.AsSpan().IndexOfAny('*', '?') >= 0 || segment is "." or ".." || !Directory.Exists(current))
            {
                return null;
            }

            string? match = null;
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(current, segment, Options))
                {
                    if (match is not null)
                    {
                        return null;
                    }

                    match = entry;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (match is null)
            {
                return null;
            }

            current = match;
        }

        return current;
    }
}
