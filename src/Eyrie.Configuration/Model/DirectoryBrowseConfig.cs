using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>directoryBrowse</c>: list a folder that has no default document.</summary>
public sealed record DirectoryBrowseConfig
{
    [Description("List the folder's files when it has no default document (off: 403.14).")]
    public bool Enabled { get; init; }
}
