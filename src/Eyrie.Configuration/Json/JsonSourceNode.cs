using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

/// <summary>
/// A JSON value that remembers where it was written. System.Text.Json's DOM drops positions,
/// and configuration errors must name the line, so configuration files are read into this tree.
/// </summary>
public abstract class JsonSourceNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>A short noun for messages: "an object", "a string", ….</summary>
    public abstract string KindName { get; }
}
