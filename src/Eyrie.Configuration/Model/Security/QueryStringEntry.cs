using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record QueryStringEntry : IKeyedEntry
{
    string IKeyedEntry.Key => QueryString;

    [Description("A query string that skips denyQueryStringSequences.")]
    public required string QueryString { get; init; }
}
