using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Eyrie.Configuration.Binding;

/// <summary>One property of a configuration record: its JSON key, type and constraints.</summary>
internal sealed class ConfigPropertyModel
{
    public ConfigPropertyModel(PropertyInfo property, NullabilityInfoContext nullability)
    {
        Property = property;
        Key = property.GetCustomAttribute<ConfigKeyAttribute>()?.Key ?? JsonNamingPolicyCamelCase(property.Name);
        IsRequired = property.IsDefined(typeof(RequiredMemberAttribute));
        Type = property.PropertyType;
        IsNullable = Nullable.GetUnderlyingType(Type) is not null ||
                     (!Type.IsValueType && nullability.Create(property).WriteState == NullabilityState.Nullable);
        Range = property.GetCustomAttribute<RangeAttribute>();
        Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
    }

    public PropertyInfo Property { get; }

    public string Key { get; }

    public Type Type { get; }

    public bool IsRequired { get; }

    public bool IsNullable { get; }

    public RangeAttribute? Range { get; }

    public string? Description { get; }

    private static string JsonNamingPolicyCamelCase(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
