using System.Text;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Expands <c>%NAME%</c> references as IIS and ANCM do (Windows ExpandEnvironmentStrings): names match
/// case-insensitively when no exact match exists, and an unknown reference is left as written.
/// </summary>
public static class EnvironmentExpander
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf('%', i);
            var end = start < 0 ? -1 : text.IndexOf('%', start + 1);
            if (start < 0 || end < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            var name = text[(start + 1)..end];
            if (name.Length > 0 && Get(environment, name) is { } value)
            {
                result.Append(value);
                i = end + 1;
            }
            else
            {
                // Not a variable: keep the first '%' and look for a reference starting at the second.
                result.Append('%');
                i = start + 1;
            }
        }

        return result.ToString();
    }

    /// <summary>A variable by name: the exact spelling first, then any letter case, as on Windows.</summary>
    public static string? Get(IReadOnlyDictionary<string, string> environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in environment)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
