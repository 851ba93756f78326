using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>staticContent</c>: content types added to the built-in map, and client caching.</summary>
public sealed record StaticContentConfig
{
    [Description("Content types by file extension, added to (or replacing) the built-in map.")]
    public ConfigList<MimeMapConfig> MimeMap { get; init; } = [];

    [Description("Caching headers of the files served (IIS's clientCache).")]
    public ClientCacheConfig? ClientCache { get; init; }
}
