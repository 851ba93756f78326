using System.Text.Json;
using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Iis;
using Eyrie.Configuration.Json;

namespace Eyrie.Configuration.Binding;

/// <summary>
/// Turns an IIS configuration element into the positioned tree the binder reads, so that web.config sections
/// bind onto the same records as eyrie.json: attributes become string values (bound leniently),
/// <c>&lt;add&gt;</c> elements (<c>&lt;filteringRule&gt;</c> in <c>filteringRules</c>) the <c>add</c> array,
/// <c>&lt;clear/&gt;</c> <c>clear: true</c>, and other child elements nested objects. A <c>&lt;remove&gt;</c> drops the
/// earlier entries of the same element it names, or else goes to the <c>remove</c> array, for inherited ones.
/// </summary>
public static class XmlConfigTree
{

    public static JsonSourceObject FromElement(XElement element, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var properties = new List<JsonSourceProperty>();
        foreach (var attribute in Attributes(element))
        {
            var location = SourceLocation.Of(file, attribute);
            properties.Add(new JsonSourceProperty(attribute.Name.LocalName, location, new JsonSourceValue(location, JsonValueKind.String, attribute.Value)));
        }

        var added = new List<(XElement Element, JsonSourceNode Node)>();
        var removals = new List<JsonSourceNode>();
        SourceLocation? addLocation = null;
        SourceLocation? removeLocation = null;
        var addName = element.Name.LocalName == "filteringRules" ? "filteringRule" : "add";
        foreach (var child in element.Elements())
        {
            var location = SourceLocation.Of(file, child);
            switch (child.Name.LocalName)
            {
                case var name when name == addName:
                    addLocation ??= location;
                    added.Add((child, FromElement(child, file, diagnostics)));
                    break;
                case "clear":
                    added.Clear();
                    removals.Clear();
                    properties.RemoveAll(p => p.Name == "clear");
                    properties.Add(new JsonSourceProperty("clear", location, new JsonSourceValue(location, JsonValueKind.True, null)));
                    break;
                case "remove":
                    if (added.RemoveAll(a => Matches(a.Element, child)) == 0)
                    {
                        removeLocation ??= location;
                        removals.Add(FromElement(child, file, diagnostics));
                    }

                    break;
                default:
                    properties.Add(new JsonSourceProperty(child.Name.LocalName, location, FromElement(child, file, diagnostics)));
                    break;
            }
        }

        if (removals.Count > 0)
        {
            properties.Add(new JsonSourceProperty("remove", removeLocation!.Value, new JsonSourceArray(removeLocation.Value, [.. removals])));
        }

        if (added.Count > 0)
        {
            properties.Add(new JsonSourceProperty("add", addLocation!.Value, new JsonSourceArray(addLocation.Value, [.. added.Select(a => a.Node)])));
        }

        return new JsonSourceObject(SourceLocation.Of(file, element), properties);
    }

    private static IEnumerable<XAttribute> Attributes(XElement element) =>
        element.Attributes().Where(IisConfigAttributes.IsSetting);

    /// <summary>A <c>&lt;remove&gt;</c> names an entry by its key attributes: every one it carries must match.</summary>
    private static bool Matches(XElement entry, XElement remove) =>
        Attributes(remove).All(r => string.Equals((string?)entry.Attribute(r.Name), r.Value, StringComparison.OrdinalIgnoreCase));
}
