using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>A path of a site served as static files from a folder.</summary>
public sealed record VirtualDirectoryConfig
{
    [Description("The virtual path, e.g. /assets.")]
    public required string Path { get; init; }

    [Description("The folder to serve. Relative paths are relative to eyrie.json.")]
    public required string PhysicalPath { get; init; }

    [Description("Content types added for this folder, over the site's (IIS's staticContent).")]
    public StaticContentConfig? StaticContent { get; init; }

    [Description("Default documents of this folder, instead of the site's (IIS's defaultDocument).")]
    public DefaultDocumentConfig? DefaultDocument { get; init; }

    [Description("Directory listing of this folder, instead of the site's (IIS's directoryBrowse).")]
    public DirectoryBrowseConfig? DirectoryBrowse { get; init; }
}
