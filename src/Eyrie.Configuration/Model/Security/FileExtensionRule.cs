using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>An entry of IIS's <c>fileExtensions</c>: allowed or denied.</summary>
public sealed record FileExtensionRule : IKeyedEntry
{
    string IKeyedEntry.Key => FileExtension;

    [Description("The extension with its dot, e.g. .exe.")]
    public required string FileExtension { get; init; }

    [Description("Allow (true) or deny (false) it.")]
    public bool Allowed { get; init; } = true;
}
