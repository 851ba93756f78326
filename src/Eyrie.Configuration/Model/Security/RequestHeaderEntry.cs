using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record RequestHeaderEntry : IKeyedEntry
{
    string IKeyedEntry.Key => RequestHeader;

    [Description("A request header a filtering rule scans.")]
    public required string RequestHeader { get; init; }
}
