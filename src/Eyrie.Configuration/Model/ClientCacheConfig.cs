using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>staticContent/clientCache</c>: the caching headers of static files.</summary>
public sealed record ClientCacheConfig
{
    [Description("NoControl (default), DisableCache (no-cache), UseMaxAge (max-age from cacheControlMaxAge) or UseExpires (Expires from httpExpires).")]
    public CacheControlMode? CacheControlMode { get; init; }

    [Description("The max-age of UseMaxAge (IIS default 1.00:00:00).")]
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan? CacheControlMaxAge { get; init; }

    [Description("The Expires date of UseExpires, in RFC 1123 form: Fri, 01 Jan 2027 00:00:00 GMT.")]
    public string? HttpExpires { get; init; }

    [Description("Directives appended to Cache-Control, e.g. public or immutable.")]
    public string? CacheControlCustom { get; init; }

    [Description("Send an ETag (IIS default true).")]
    public bool? SetEtag { get; init; }
}
