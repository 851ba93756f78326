using System.Text;
using System.Text.Json;
using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

/// <summary>
/// Reads JSON (comments and trailing commas allowed, as in appsettings.json) into a
/// <see cref="JsonSourceNode"/> tree with a file, line and column on every node.
/// </summary>
public static class JsonSourceParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Parses <paramref name="utf8"/>; on a syntax error reports it and returns null.</summary>
    public static JsonSourceNode? Parse(byte[] utf8, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(diagnostics);

        var start = utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var lines = new LineMap(utf8);
        if (utf8.AsSpan(start).TrimStart(" \t\r\n"u8).IsEmpty)
        {
            diagnostics.Error(new SourceLocation(file, 1, 1), "", "the file is empty; expected a JSON object");
            return null;
        }

        // The reader reads one top-level value and throws on anything after it.
        var reader = new Utf8JsonReader(utf8.AsSpan(start), ReaderOptions);
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, file, lines, start);
            while (reader.Read())
            {
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            diagnostics.Error(new SourceLocation(file, line, column), "", "invalid JSON: " + TrimPosition(ex.Message));
            return null;
        }
    }

    private static JsonSourceNode ReadValue(ref Utf8JsonReader reader, string file, LineMap lines, int offset)
    {
        var location = Locate(ref reader, file, lines, offset);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<JsonSourceProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameLocation = Locate(ref reader, file, lines, offset);
                    var name = reader.GetString()!;
                    reader.Read();
                    properties.Add(new JsonSourceProperty(name, nameLocation, ReadValue(ref reader, file, lines, offset)));
                }

                return new JsonSourceObject(location, properties);

            case JsonTokenType.StartArray:
                var items = new List<JsonSourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, file, lines, offset));
                }

                return new JsonSourceArray(location, items);

            case JsonTokenType.String:
                return new JsonSourceValue(location, JsonValueKind.String, reader.GetString());
            case JsonTokenType.Number:
                return new JsonSourceValue(location, JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new JsonSourceValue(location, JsonValueKind.True, null);
            case JsonTokenType.False:
                return new JsonSourceValue(location, JsonValueKind.False, null);
            default:
                return new JsonSourceValue(location, JsonValueKind.Null, null);
        }
    }

    private static SourceLocation Locate(ref Utf8JsonReader reader, string file, LineMap lines, int offset)
    {
        var (line, column) = lines.Locate(offset + reader.TokenStartIndex);
        return new SourceLocation(file, line, column);
    }

    private static string TrimPosition(string message)
    {
        // System.Text.Json appends "LineNumber: n | BytePositionInLine: m." — the location is reported separately.
        var index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (index > 0 ? message[..index] : message).TrimEnd();
    }
}
