using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record SequenceEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Sequence;

    [Description("A sequence denied anywhere in the URL or query string, e.g. ..")]
    public required string Sequence { get; init; }
}
