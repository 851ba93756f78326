namespace Eyrie.Configuration.Import;

/// <summary>One <c>--path-map WIN=PATH</c>: a Windows folder prefix and the Linux folder (absolute, or relative to eyrie.json) it becomes.</summary>
public sealed record PathMapEntry(string WindowsPrefix, string Target)
{
    /// <summary>Parses <c>C:\inetpub\wwwroot=/srv/www</c>; the Windows side cannot contain '=', so the first one splits.</summary>
    public static bool TryParse(string text, out PathMapEntry? entry, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        entry = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            error = $"'{text}' is not WINDOWS_PATH=LINUX_PATH, e.g. 'C:\\inetpub\\wwwroot=/srv/www'";
            return false;
        }

        var from = text[..equals].Trim();
        var to = text[(equals + 1)..].Trim();
        if (from.Length == 0 || to.Length == 0)
        {
            error = $"'{text}' has an empty side; write WINDOWS_PATH=LINUX_PATH";
            return false;
        }

        error = "";
        entry = new PathMapEntry(from, to);
        return true;
    }
}
