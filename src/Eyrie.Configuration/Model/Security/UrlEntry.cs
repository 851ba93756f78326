using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record UrlEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Url;

    [Description("A URL (path) that skips denyUrlSequences.")]
    public required string Url { get; init; }
}
