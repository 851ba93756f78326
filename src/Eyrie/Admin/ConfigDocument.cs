using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eyrie.Admin;

/// <summary>
/// eyrie.json as a tree the CLI edits (sites, bindings, applications, virtual directories), with the file's
/// own leniency: keys ignore case, comments and trailing commas are read. An edit is written back into the
/// file's own text (<see cref="JsonTextPatcher"/>), so its comments and layout stay where nothing changed.
/// </summary>
internal sealed class ConfigDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _text;

    private ConfigDocument(JsonObject root, string text)
    {
        Root = root;
        _text = text;
    }

    public JsonObject Root { get; }

    /// <exception cref="ConfigEditException">The text is not a JSON object.</exception>
    public static ConfigDocument Parse(string text)
    {
        try
        {
            return ConfigJson.Parse(text) is JsonObject root
                ? new ConfigDocument(root, text)
                : throw new ConfigEditException("eyrie.json is not a JSON object; fix it first (eyrie validate)");
        }
        catch (JsonException ex)
        {
            throw new ConfigEditException($"eyrie.json is not valid JSON ({ex.Message}); fix it first (eyrie validate)");
        }
    }

    /// <summary>The file with the edits made to <see cref="Root"/>: patched into its text, or written whole when it cannot be.</summary>
    public EditedText ToText()
    {
        var text = JsonTextPatcher.Patch(_text, Root) ?? (_text.StartsWith('\uFEFF') ? "\uFEFF" : "") + Root.ToJsonString(WriteOptions) + "\n";
        return new EditedText(text, Math.Max(0, JsonTextPatcher.CountComments(_text) - JsonTextPatcher.CountComments(text)));
    }

    public JsonArray Sites => ArrayOf(Root, "sites");

    public JsonObject Site(string name) => FindSite(name)
        ?? throw new ConfigEditException($"no site named '{name}'; the sites are: {string.Join(", ", Sites.OfType<JsonObject>().Select(NameOf))}");

    public JsonObject? FindSite(string name) =>
        Sites.OfType<JsonObject>().FirstOrDefault(s => string.Equals(NameOf(s), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The array under <paramref name="key"/>, created empty when missing.</summary>
    public static JsonArray ArrayOf(JsonObject owner, string key)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner[key] is JsonArray array)
        {
            return array;
        }

        var created = new JsonArray();
        owner[key] = created;
        return created;
    }

    /// <summary>The entry of <paramref name="list"/> whose <c>path</c> is <paramref name="path"/> (ignoring case and a trailing slash, as IIS does).</summary>
    public static JsonObject? FindByPath(JsonArray list, string path)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.OfType<JsonObject>().FirstOrDefault(e => string.Equals(NormalizePath(e["path"]?.GetValue<string>() ?? ""), NormalizePath(path), StringComparison.OrdinalIgnoreCase));
    }

    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = "/" + path.Trim().Trim('/');
        return trimmed;
    }

    public static string NameOf(JsonObject site) => site["name"]?.GetValue<string>() ?? "";
}
