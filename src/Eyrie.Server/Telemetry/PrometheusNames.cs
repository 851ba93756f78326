using System.Text;

namespace Eyrie.Server.Telemetry;

/// <summary>
/// OpenTelemetry instrument names as Prometheus names, after OpenTelemetry's Prometheus compatibility rules:
/// dots become underscores, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>,
/// annotations like <c>{request}</c> dropped), counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string Metric(string name, string? unit, bool counter)
    {
        var result = new StringBuilder(Sanitize(name));
        var suffix = unit switch
        {
            null or "" or "1" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ when unit.StartsWith('{') => "",
            _ => Sanitize(unit),
        };
        if (suffix.Length > 0 && !result.ToString().EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            result.Append('_').Append(suffix);
        }

        if (counter)
        {
            result.Append("_total");
        }

        return result.ToString();
    }

    public static string Label(string name) => Sanitize(name);

    /// <summary>A label value in quotes' escaping: backslash, double quote and newline.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_' && chars[i] != ':')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
