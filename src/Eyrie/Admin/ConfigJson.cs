using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eyrie.Admin;

/// <summary>
/// JSON as eyrie.json is read: comments and trailing commas allowed, a BOM ignored, property names compared
/// ignoring case (so two trees are the same whatever the names' case and the properties' order).
/// </summary>
internal static class ConfigJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonNode.Parse(text.TrimStart('\uFEFF'), NodeOptions, DocumentOptions);
    }

    public static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => Find(y, p.Key) is { } q && Same(p.Value, q.Value)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(pair => Same(pair.First, pair.Second)),
        (JsonObject or JsonArray, _) or (_, JsonObject or JsonArray) => false,
        _ => JsonNode.DeepEquals(a, b),
    };

    /// <summary>The first property of <paramref name="owner"/> named <paramref name="name"/> ignoring case (whatever the object's own comparer).</summary>
    public static KeyValuePair<string, JsonNode?>? Find(JsonObject owner, string name)
    {
        ArgumentNullException.ThrowIfNull(owner);
        foreach (var property in owner)
        {
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }
}
