using System.Text.Json;

namespace Eyrie.Admin;

/// <summary>Reads where every value of a JSON text is written (comments and trailing commas allowed, as eyrie.json).</summary>
internal static class JsonSpanReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonSpan Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        reader.Read();
        return ReadValue(ref reader);
    }

    private static JsonSpan ReadValue(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var close = reader.TokenType == JsonTokenType.StartObject ? JsonTokenType.EndObject : JsonTokenType.EndArray;
                var members = new List<JsonSpanMember>();
                while (reader.Read() && reader.TokenType != close)
                {
                    var memberStart = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        reader.Read();
                    }

                    members.Add(new JsonSpanMember(memberStart, ReadValue(ref reader)));
                }

                return new JsonSpan(start, (int)reader.TokenStartIndex + 1, members);

            case JsonTokenType.String:
                // ValueSpan is the raw (still escaped) text between the quotes.
                return new JsonSpan(start, start + reader.ValueSpan.Length + 2, []);
            default:
                return new JsonSpan(start, start + reader.ValueSpan.Length, []);
        }
    }
}
