using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Iis;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Writes configuration records as eyrie.json text: the binder's keys in the records' declaration order,
/// two-space indent, and only what differs from a fresh record (null, empty and default values are left
/// out, so the file says only what was configured). Bindings always spell out protocol, address, port and
/// host, which reads better than their defaults.
/// </summary>
public static class ConfigJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // A file, not HTML: keep '<', '+', '&' and non-ASCII host names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(EyrieConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            WriteRecord(writer, config);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRecord(Utf8JsonWriter writer, object record)
    {
        var type = record.GetType();
        var model = ConfigTypeModel.For(type);
        var fresh = Activator.CreateInstance(type);
        writer.WriteStartObject();
        foreach (var property in model.Properties)
        {
            var value = property.Property.GetValue(record);
            var always = type == typeof(BindingConfig) && property.Property.Name != nameof(BindingConfig.Certificate);
            if (value is null || (!always && !property.IsRequired && IsDefault(value, property.Property.GetValue(fresh))))
            {
                continue;
            }

            writer.WritePropertyName(property.Key);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    // ConfigList and ConfigMap compare by content, so an empty list equals a fresh record's empty list.
    private static bool IsDefault(object value, object? freshValue) => Equals(value, freshValue);

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case uint u:
                writer.WriteNumberValue(u);
                break;
            case TimeSpan t:
                writer.WriteStringValue(IisValueParser.FormatTimeSpan(t));
                break;
            case Enum e:
                // As the schema lists enum values.
                writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(e.ToString()));
                break;
            case ConfigMap map:
                writer.WriteStartObject();
                foreach (var (key, text) in map)
                {
                    writer.WriteString(key, text);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteRecord(writer, value);
                break;
        }
    }
}
