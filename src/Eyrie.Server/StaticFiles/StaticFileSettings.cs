using Eyrie.Configuration.Model;
using Microsoft.AspNetCore.StaticFiles;

namespace Eyrie.Server.StaticFiles;

/// <summary>A virtual directory compiled for serving: its folder, default documents, listing, content types.</summary>
public sealed class StaticFileSettings
{
    public StaticFileSettings(string root, SiteConfig site, VirtualDirectoryConfig directory)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(directory);
        Root = Path.TrimEndingDirectorySeparator(root);
        var defaultDocument = directory.DefaultDocument ?? site.DefaultDocument ?? new DefaultDocumentConfig();
        DefaultDocuments = defaultDocument.Enabled ? [.. defaultDocument.Files] : [];
        DirectoryBrowse = (directory.DirectoryBrowse ?? site.DirectoryBrowse)?.Enabled ?? false;
        var provider = new FileExtensionContentTypeProvider();
        foreach (var map in (site.StaticContent?.MimeMap ?? []).Concat(directory.StaticContent?.MimeMap ?? []))
        {
            provider.Mappings[map.FileExtension] = map.MimeType;
        }

        ContentTypes = provider;
    }

    /// <summary>The folder, as configured (absolute).</summary>
    public string Root { get; }

    /// <summary>Default document names, in order; empty when default documents are off.</summary>
    public IReadOnlyList<string> DefaultDocuments { get; }

    public bool DirectoryBrowse { get; }

    public FileExtensionContentTypeProvider ContentTypes { get; }
}
