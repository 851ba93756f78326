using System.Collections.Concurrent;
using System.Reflection;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Binding;

/// <summary>
/// What the binder and the schema generator know about a configuration record type: its settable
/// properties and their keys. Built once per type by reflection and never changed afterwards.
/// </summary>
internal sealed class ConfigTypeModel
{
    private static readonly ConcurrentDictionary<Type, ConfigTypeModel> Cache = new();

    private readonly Dictionary<string, ConfigPropertyModel> _byKey;
    private readonly Dictionary<string, ConfigPropertyModel> _byName;

    private ConfigTypeModel(Type type)
    {
        Type = type;
        var nullability = new NullabilityInfoContext();
        Properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new ConfigPropertyModel(p, nullability))
            .ToArray();
        _byKey = Properties.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        _byName = Properties.ToDictionary(p => p.Property.Name, StringComparer.Ordinal);
    }

    public Type Type { get; }

    public IReadOnlyList<ConfigPropertyModel> Properties { get; }

    public static ConfigTypeModel For(Type type) => Cache.GetOrAdd(type, static t => new ConfigTypeModel(t));

    /// <summary>True for the record types the binder reads from JSON objects property by property.</summary>
    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(ConfigMap) && !IsList(type, out _);

    public static bool IsList(Type type, out Type elementType)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConfigList<>))
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }

        elementType = typeof(object);
        return false;
    }

    public ConfigPropertyModel? FindByKey(string key) => _byKey.GetValueOrDefault(key);

    public ConfigPropertyModel? FindByName(string propertyName) => _byName.GetValueOrDefault(propertyName);
}
