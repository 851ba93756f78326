using System.ComponentModel;
using Eyrie.Configuration.Binding;

namespace Eyrie.Configuration.Model.Security;

public sealed record DenyStringEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Value;

    [ConfigKey("string")]
    [Description("A string that denies the request where a filtering rule scans.")]
    public required string Value { get; init; }
}
