using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's site <c>limits</c>.</summary>
public sealed record SiteLimitsConfig
{
    public const int DefaultMaxUrlSegments = 32;

    [Description("The most path segments a URL may have (IIS default 32); more: 404.20.")]
    [Range(1, 16384)]
    public int? MaxUrlSegments { get; init; }
}
