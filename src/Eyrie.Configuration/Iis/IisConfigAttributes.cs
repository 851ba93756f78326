using System.Xml.Linq;

namespace Eyrie.Configuration.Iis;

/// <summary>Which attributes of an IIS configuration element carry a setting.</summary>
public static class IisConfigAttributes
{
    // IIS configuration-system attributes that may appear on any element and carry no setting.
    private static readonly HashSet<string> ConfigSystem = new(StringComparer.Ordinal)
    {
        "lockAttributes", "lockAllAttributesExcept", "lockElements", "lockAllElementsExcept", "lockItem", "configSource",
    };

    /// <summary>False for namespace declarations, namespaced attributes and the configuration system's lock and configSource attributes.</summary>
    public static bool IsSetting(XAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return !attribute.IsNamespaceDeclaration && attribute.Name.Namespace == XNamespace.None && !ConfigSystem.Contains(attribute.Name.LocalName);
    }
}
