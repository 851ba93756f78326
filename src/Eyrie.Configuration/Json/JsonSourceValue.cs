using System.Text.Json;
using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

/// <summary>A scalar: string, number (kept as written, parsed by the binder), true, false or null.</summary>
public sealed class JsonSourceValue(SourceLocation location, JsonValueKind kind, string? text)
    : JsonSourceNode(location)
{
    public JsonValueKind Kind { get; } = kind;

    /// <summary>The decoded string, or a number's exact text; null for true, false and null.</summary>
    public string? Text { get; } = text;

    public override string KindName => Kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
