using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>requestFiltering/requestLimits</c>.</summary>
public sealed record RequestLimitsConfig
{
    public const uint DefaultMaxAllowedContentLength = 30_000_000;
    public const uint DefaultMaxUrl = 4096;
    public const uint DefaultMaxQueryString = 2048;

    [Description("The largest request body in bytes (IIS default 30000000); larger: 413.1, enforced while streaming.")]
    public uint? MaxAllowedContentLength { get; init; }

    [Description("The longest URL path in bytes (IIS default 4096); longer: 404.14.")]
    public uint? MaxUrl { get; init; }

    [Description("The longest query string in bytes (IIS default 2048); longer: 404.15.")]
    public uint? MaxQueryString { get; init; }

    [Description("Size limits of individual request headers.")]
    public ConfigCollection<HeaderLimitEntry>? HeaderLimits { get; init; }
}
