using System.Globalization;
using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Iis;

namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// Reads the attributes of one IIS configuration element: names are case-sensitive, an attribute the element
/// does not have is an error (IIS answers 500.19 for it), and a value of the wrong type is reported at its line.
/// </summary>
internal sealed class XmlElementReader
{

    private readonly XElement _element;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;

    public XmlElementReader(XElement element, string file, string key, DiagnosticBag diagnostics, params string[] attributes)
    {
        _element = element;
        _file = file;
        Key = key;
        _diagnostics = diagnostics;
        foreach (var attribute in element.Attributes())
        {
            var name = attribute.Name.LocalName;
            if (IisConfigAttributes.IsSetting(attribute) && !attributes.Contains(name, StringComparer.Ordinal))
            {
                diagnostics.Error(SourceLocation.Of(file, attribute), $"{key}/@{name}", $"unrecognized attribute '{name}' (attribute names are case-sensitive)");
            }
        }
    }

    public string Key { get; }

    public SourceLocation Location => SourceLocation.Of(_file, _element);

    public string? String(string name) => (string?)_element.Attribute(name);

    /// <summary>A required attribute; a missing or empty one is reported.</summary>
    public string? Required(string name)
    {
        var value = String(name);
        if (string.IsNullOrEmpty(value))
        {
            _diagnostics.Error(Location, $"{Key}/@{name}", $"<{_element.Name.LocalName}> needs a non-empty '{name}' attribute");
            return null;
        }

        return value;
    }

    public bool? Bool(string name) => Parse(name, "a boolean; write true or false", (string text, out bool value) => IisValueParser.TryParseBoolean(text, out value));

    public int? Int(string name, int min, int max)
    {
        var value = Parse(name, "a whole number", (string text, out int parsed) => int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed));
        if (value is { } number && (number < min || number > max))
        {
            Report(name, $"must be between {min} and {max}; found {number}");
            return null;
        }

        return value;
    }

    public TimeSpan? Time(string name) =>
        Parse(name, "a time span; write [d.]hh:mm:ss", (string text, out TimeSpan value) => IisValueParser.TryParseTimeSpan(text, out value));

    /// <summary>An IIS enumeration, matched ignoring case as IIS does.</summary>
    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Report(name, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return null;
    }

    public void Report(string attribute, string message)
    {
        var node = (XObject?)_element.Attribute(attribute) ?? _element;
        _diagnostics.Error(SourceLocation.Of(_file, node), $"{Key}/@{attribute}", message);
    }

    private T? Parse<T>(string name, string expected, TryParse<T> parse)
        where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        Report(name, $"'{text}' is not {expected}");
        return null;
    }

    private delegate bool TryParse<T>(string text, out T value);
}
