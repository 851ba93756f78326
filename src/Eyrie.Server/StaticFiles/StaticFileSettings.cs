using System.Globalization;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Configuration.WebConfig.Sections;
using Microsoft.AspNetCore.StaticFiles;

namespace Eyrie.Server.StaticFiles;

/// <summary>
/// A virtual directory compiled for serving: its folder, default documents, listing, content types and caching
/// headers. Settings come from the site, then the web.config of the app the directory is below (as IIS inherits
/// it by path), then the directory's own.
/// </summary>
public sealed class StaticFileSettings
{
    public StaticFileSettings(string root, SiteConfig site, VirtualDirectoryConfig directory, IReadOnlyList<WebConfigLocation>? webConfig = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(directory);
        webConfig ??= [];
        Root = Path.TrimEndingDirectorySeparator(root);

        var defaultDocument = site.DefaultDocument ?? new DefaultDocumentConfig();
        var enabled = defaultDocument.Enabled;
        IReadOnlyList<string> documents = defaultDocument.Files;
        foreach (var section in webConfig.Select(l => l.DefaultDocument).OfType<DefaultDocumentSection>())
        {
            enabled = section.Enabled ?? enabled;
            documents = section.Files?.ApplyTo(documents, f => f, prepend: true) ?? documents;
        }

        if (directory.DefaultDocument is { } own)
        {
            (enabled, documents) = (own.Enabled, own.Files);
        }

        DefaultDocuments = enabled ? [.. documents] : [];
        DirectoryBrowse = directory.DirectoryBrowse?.Enabled ?? webConfig.Select(l => l.DirectoryBrowse).LastOrDefault(b => b is not null) ?? site.DirectoryBrowse?.Enabled ?? false;

        var provider = new FileExtensionContentTypeProvider();
        foreach (var map in site.StaticContent?.MimeMap ?? [])
        {
            provider.Mappings[map.FileExtension] = map.MimeType;
        }

        foreach (var edit in webConfig.Select(l => l.StaticContent?.MimeMaps).OfType<CollectionEdit<MimeMapConfig>>())
        {
            var kept = edit.ApplyTo(provider.Mappings.Select(m => new MimeMapConfig { FileExtension = m.Key, MimeType = m.Value }), m => m.FileExtension);
            provider.Mappings.Clear();
            foreach (var map in kept)
            {
                provider.Mappings[map.FileExtension] = map.MimeType;
            }
        }

        foreach (var map in directory.StaticContent?.MimeMap ?? [])
        {
            provider.Mappings[map.FileExtension] = map.MimeType;
        }

        ContentTypes = provider;

        var clientCache = directory.StaticContent?.ClientCache
            ?? webConfig.Select(l => l.StaticContent?.ClientCache).LastOrDefault(c => c is not null)
            ?? site.StaticContent?.ClientCache;
        SetEtag = clientCache?.SetEtag ?? true;
        (CacheControl, Expires) = CachingHeaders(clientCache);
        ServePrecompressed = webConfig.Select(l => l.UrlCompression?.DoStaticCompression).LastOrDefault(c => c is not null) ?? true;
    }

    /// <summary>The folder, as configured (absolute).</summary>
    public string Root { get; }

    /// <summary>Default document names, in order; empty when default documents are off.</summary>
    public IReadOnlyList<string> DefaultDocuments { get; }

    public bool DirectoryBrowse { get; }

    public FileExtensionContentTypeProvider ContentTypes { get; }

    /// <summary>Send an ETag (clientCache/@setEtag).</summary>
    public bool SetEtag { get; }

    /// <summary>The Cache-Control header of the files, or null (clientCache).</summary>
    public string? CacheControl { get; }

    /// <summary>The Expires header of the files, or null (clientCache UseExpires).</summary>
    public string? Expires { get; }

    /// <summary>Serve a file's <c>.br</c>/<c>.gz</c> sibling to a client that accepts it (urlCompression/@doStaticCompression).</summary>
    public bool ServePrecompressed { get; }

    private static (string? CacheControl, string? Expires) CachingHeaders(ClientCacheConfig? cache)
    {
        var custom = cache?.CacheControlCustom;
        string? Join(string? directive) => directive is null ? custom : custom is null ? directive : directive + ", " + custom;
        return cache?.CacheControlMode switch
        {
            CacheControlMode.DisableCache => (Join("no-cache"), null),
            CacheControlMode.UseMaxAge => (Join("max-age=" + ((long)(cache.CacheControlMaxAge ?? TimeSpan.FromDays(1)).TotalSeconds).ToString(CultureInfo.InvariantCulture)), null),
            CacheControlMode.UseExpires => (custom, cache.HttpExpires),
            _ => (custom, null),
        };
    }
}
