using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

public sealed record FileExtensionEntry : IKeyedEntry
{
    string IKeyedEntry.Key => FileExtension;

    [Description("An extension (with its dot) a filtering rule applies to.")]
    public required string FileExtension { get; init; }
}
