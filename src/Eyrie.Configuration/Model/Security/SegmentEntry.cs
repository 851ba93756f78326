using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record SegmentEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Segment;

    [Description("A path segment never served, e.g. bin (whole segment, any letter case).")]
    public required string Segment { get; init; }
}
