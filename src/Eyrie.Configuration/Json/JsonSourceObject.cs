using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

public sealed class JsonSourceObject(SourceLocation location, IReadOnlyList<JsonSourceProperty> properties)
    : JsonSourceNode(location)
{
    /// <summary>Properties in the order written; duplicates are kept so the binder can report them.</summary>
    public IReadOnlyList<JsonSourceProperty> Properties { get; } = properties;

    public override string KindName => "an object";
}
