using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

public sealed class JsonSourceArray(SourceLocation location, IReadOnlyList<JsonSourceNode> items)
    : JsonSourceNode(location)
{
    public IReadOnlyList<JsonSourceNode> Items { get; } = items;

    public override string KindName => "an array";
}
