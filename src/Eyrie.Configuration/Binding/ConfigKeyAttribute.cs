namespace Eyrie.Configuration.Binding;

/// <summary>Names a property's JSON key when it is not the camelCase of the property name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
