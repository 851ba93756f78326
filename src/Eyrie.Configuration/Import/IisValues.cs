using System.Globalization;
using System.Xml.Linq;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Iis;

namespace Eyrie.Configuration.Import;

/// <summary>Reading IIS attribute values for the import, checked against the ranges of the records they land in.</summary>
internal static class IisValues
{
    /// <summary>The value as it may appear in the report: never a password.</summary>
    public static string Shown(XAttribute attribute) =>
        attribute.Name.LocalName.Contains("password", StringComparison.OrdinalIgnoreCase) ? "(not shown)" : attribute.Value;

    public static bool TryTimeSpan(string text, out TimeSpan value) => IisValueParser.TryParseTimeSpan(text, out value);

    public static bool TryBoolean(string text, out bool value) => IisValueParser.TryParseBoolean(text, out value);

    public static bool TryInteger(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Checks <paramref name="value"/> against the [Range] of <paramref name="recordType"/>'s property; null if it fits, else the allowed range.</summary>
    public static string? OutOfRange(Type recordType, string propertyName, object value)
    {
        if (ConfigTypeModel.For(recordType).FindByName(propertyName)?.Range is not { } range)
        {
            return null;
        }

        if (value is TimeSpan span)
        {
            var min = TimeSpan.Parse((string)range.Minimum, CultureInfo.InvariantCulture);
            var max = TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture);
            return span >= min && span <= max ? null : $"{IisValueParser.FormatTimeSpan(min)} to {IisValueParser.FormatTimeSpan(max)}";
        }

        var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        var low = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
        var high = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
        return number >= low && number <= high ? null : $"{low} to {high}";
    }

    public static string Format(TimeSpan value) => IisValueParser.FormatTimeSpan(value);
}
