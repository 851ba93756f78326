using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Iis;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Schema;

/// <summary>
/// Writes the JSON schema of eyrie.json from the same type model the binder uses, so the schema that
/// editors complete against cannot drift from what Eyrie accepts. The committed copy
/// (<c>src/Eyrie.Configuration/Schema/eyrie.schema.json</c>, printed by <c>eyrie schema</c>) is checked
/// against this output by a test.
/// </summary>
public static class ConfigSchemaGenerator
{
    public const string SchemaId = "https://eyrie.dev/schemas/eyrie.schema.json";

    public static JsonObject Generate()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var body = RecordSchema(typeof(EyrieConfig), definitions);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = SchemaId,
            ["title"] = "Eyrie configuration (eyrie.json)",
        };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            root[key] = value;
        }

        root["$defs"] = new JsonObject(definitions.Select(d => new KeyValuePair<string, JsonNode?>(d.Key, d.Value)));
        return root;
    }

    public static string GenerateText() =>
        Generate().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

    private static JsonObject RecordSchema(Type type, SortedDictionary<string, JsonNode> definitions)
    {
        var model = ConfigTypeModel.For(type);
        var properties = new JsonObject();
        foreach (var property in model.Properties)
        {
            var schema = TypeSchema(property.Type, definitions);
            if (property.Description is { } description)
            {
                schema["description"] = description;
            }

            if (property.Range is { } range)
            {
                if (range.OperandType == typeof(TimeSpan))
                {
                    schema["description"] = $"{schema["description"]} ({Format(range.Minimum)} to {Format(range.Maximum)})".TrimStart();
                }
                else
                {
                    schema["minimum"] = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
                    schema["maximum"] = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
                }
            }

            properties[property.Key] = schema;
        }

        var result = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = model.Properties.Where(p => p.IsRequired).Select(p => (JsonNode)p.Key).ToArray();
        if (required.Length > 0)
        {
            result["required"] = new JsonArray(required);
        }

        return result;

        static string Format(object value) => IisValueParser.FormatTimeSpan(TimeSpan.Parse((string)value, CultureInfo.InvariantCulture));
    }

    private static JsonObject TypeSchema(Type type, SortedDictionary<string, JsonNode> definitions)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (underlying == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(uint))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (underlying == typeof(TimeSpan))
        {
            return new JsonObject { ["type"] = "string", ["pattern"] = @"^(\d+\.)?\d+:[0-5]\d:[0-5]\d(\.\d{1,7})?$" };
        }

        if (underlying.IsEnum)
        {
            return new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(Enum.GetNames(underlying).Select(n => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(n)).ToArray()),
            };
        }

        if (underlying == typeof(ConfigMap))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") } };
        }

        if (ConfigTypeModel.IsList(underlying, out var element))
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(element, definitions) };
        }

        var name = JsonNamingPolicy.CamelCase.ConvertName(DefinitionName(underlying));
        if (!definitions.ContainsKey(name))
        {
            definitions[name] = new JsonObject(); // placeholder against recursion
            definitions[name] = RecordSchema(underlying, definitions);
        }

        return new JsonObject { ["$ref"] = "#/$defs/" + name };
    }

    /// <summary>A record's name without "Config"; a generic one is named after its argument: <c>ConfigCollection&lt;VerbRule&gt;</c> is <c>VerbRuleCollection</c>.</summary>
    private static string DefinitionName(Type type)
    {
        var name = type.Name;
        if (type.IsGenericType)
        {
            name = string.Concat(type.GetGenericArguments().Select(DefinitionName)) + name[..name.IndexOf('`', StringComparison.Ordinal)].Replace("Config", "", StringComparison.Ordinal);
        }

        return name.EndsWith("Config", StringComparison.Ordinal) ? name[..^"Config".Length] : name;
    }
}
