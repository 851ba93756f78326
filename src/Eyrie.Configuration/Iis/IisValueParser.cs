using System.Globalization;

namespace Eyrie.Configuration.Iis;

/// <summary>
/// Parses values the way the IIS configuration system writes them: booleans as <c>true</c>/<c>false</c>
/// in any case, unsigned integers, and time spans as <c>[d.]hh:mm:ss[.fffffff]</c>.
/// </summary>
public static class IisValueParser
{
    public static bool TryParseBoolean(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return trimmed.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseUInt32(string text, out uint value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Parses an IIS timeSpan. Hours may exceed 23 when no day part is given (<c>360:00:00</c>), as IIS
    /// documents for requestTimeout; minutes and seconds must be 0–59.
    /// </summary>
    public static bool TryParseTimeSpan(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var s = text.Trim().AsSpan();
        long days = 0;
        var dot = s.IndexOf('.');
        var firstColon = s.IndexOf(':');
        if (dot >= 0 && (firstColon < 0 || dot < firstColon))
        {
            if (!long.TryParse(s[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out days))
            {
                return false;
            }

            s = s[(dot + 1)..];
        }

        Span<Range> parts = stackalloc Range[4];
        if (s.Split(parts, ':') != 3)
        {
            return false;
        }

        var secondsPart = s[parts[2]];
        var fraction = 0L;
        var fractionDot = secondsPart.IndexOf('.');
        if (fractionDot >= 0)
        {
            var digits = secondsPart[(fractionDot + 1)..];
            if (digits.IsEmpty || digits.Length > 7 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }

            fraction *= (long)Math.Pow(10, 7 - digits.Length);
            secondsPart = secondsPart[..fractionDot];
        }

        if (!long.TryParse(s[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
            !int.TryParse(s[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
            !int.TryParse(secondsPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            minutes > 59 || seconds > 59 || (days > 0 && hours > 23))
        {
            return false;
        }

        try
        {
            value = TimeSpan.FromTicks(checked((((days * 24) + hours) * 3600 + minutes * 60 + seconds) * TimeSpan.TicksPerSecond + fraction));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats as IIS writes time spans: <c>hh:mm:ss</c>, with a day part when over a day.</summary>
    public static string FormatTimeSpan(TimeSpan value) =>
        value.Days > 0
            ? value.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)
            : value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
