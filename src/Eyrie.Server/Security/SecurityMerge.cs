using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Server.Security;

/// <summary>
/// IIS configuration inheritance for the security sections: a child level's attributes win, its collection
/// entries add to the parent's, after dropping those it names in <c>remove</c> (or all of them with <c>clear</c>).
/// </summary>
public static class SecurityMerge
{
    public static RequestFilteringConfig Over(this RequestFilteringConfig parent, RequestFilteringConfig? child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (child is null)
        {
            return parent;
        }

        return new RequestFilteringConfig
        {
            AllowDoubleEscaping = child.AllowDoubleEscaping ?? parent.AllowDoubleEscaping,
            AllowHighBitCharacters = child.AllowHighBitCharacters ?? parent.AllowHighBitCharacters,
            UnescapeQueryString = child.UnescapeQueryString ?? parent.UnescapeQueryString,
            RemoveServerHeader = child.RemoveServerHeader ?? parent.RemoveServerHeader,
            FileExtensions = Merge(parent.FileExtensions, child.FileExtensions),
            Verbs = Merge(parent.Verbs, child.Verbs),
            HiddenSegments = Merge(parent.HiddenSegments, child.HiddenSegments),
            DenyUrlSequences = Merge(parent.DenyUrlSequences, child.DenyUrlSequences),
            DenyQueryStringSequences = Merge(parent.DenyQueryStringSequences, child.DenyQueryStringSequences),
            AlwaysAllowedUrls = Merge(parent.AlwaysAllowedUrls, child.AlwaysAllowedUrls),
            AlwaysAllowedQueryStrings = Merge(parent.AlwaysAllowedQueryStrings, child.AlwaysAllowedQueryStrings),
            RequestLimits = Merge(parent.RequestLimits, child.RequestLimits),
            FilteringRules = Merge(parent.FilteringRules, child.FilteringRules),
        };
    }

    public static IpSecurityConfig Over(this IpSecurityConfig parent, IpSecurityConfig? child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (child is null)
        {
            return parent;
        }

        return new IpSecurityConfig
        {
            AllowUnlisted = child.AllowUnlisted ?? parent.AllowUnlisted,
            DenyAction = child.DenyAction ?? parent.DenyAction,
            EnableProxyMode = child.EnableProxyMode ?? parent.EnableProxyMode,
            EnableReverseDns = child.EnableReverseDns ?? parent.EnableReverseDns,
            Add = Entries(parent.Add, child.Clear, child.Remove, child.Add),
        };
    }

    public static DynamicIpSecurityConfig Over(this DynamicIpSecurityConfig parent, DynamicIpSecurityConfig? child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (child is null)
        {
            return parent;
        }

        return new DynamicIpSecurityConfig
        {
            DenyAction = child.DenyAction ?? parent.DenyAction,
            EnableLoggingOnlyMode = child.EnableLoggingOnlyMode ?? parent.EnableLoggingOnlyMode,
            EnableProxyMode = child.EnableProxyMode ?? parent.EnableProxyMode,
            DenyByConcurrentRequests = new ConcurrentRequestsLimitConfig
            {
                Enabled = child.DenyByConcurrentRequests?.Enabled ?? parent.DenyByConcurrentRequests?.Enabled,
                MaxConcurrentRequests = child.DenyByConcurrentRequests?.MaxConcurrentRequests ?? parent.DenyByConcurrentRequests?.MaxConcurrentRequests,
            },
            DenyByRequestRate = new RequestRateLimitConfig
            {
                Enabled = child.DenyByRequestRate?.Enabled ?? parent.DenyByRequestRate?.Enabled,
                MaxRequests = child.DenyByRequestRate?.MaxRequests ?? parent.DenyByRequestRate?.MaxRequests,
                RequestIntervalInMilliseconds = child.DenyByRequestRate?.RequestIntervalInMilliseconds ?? parent.DenyByRequestRate?.RequestIntervalInMilliseconds,
            },
        };
    }

    private static AllowListConfig<T>? Merge<T>(AllowListConfig<T>? parent, AllowListConfig<T>? child)
        where T : IKeyedEntry
    {
        if (child is null)
        {
            return parent;
        }

        return new AllowListConfig<T>
        {
            AllowUnlisted = child.AllowUnlisted ?? parent?.AllowUnlisted,
            ApplyToWebDAV = child.ApplyToWebDAV ?? parent?.ApplyToWebDAV,
            Add = Entries(parent?.Add ?? [], child.Clear, child.Remove, child.Add),
        };
    }

    private static ConfigCollection<T>? Merge<T>(ConfigCollection<T>? parent, ConfigCollection<T>? child)
        where T : IKeyedEntry =>
        child is null ? parent : new ConfigCollection<T> { Add = Entries(parent?.Add ?? [], child.Clear, child.Remove, child.Add) };

    /// <summary>A collection's effective entries: the inherited ones (none after clear) less those removed by key, then the child's.</summary>
    private static ConfigList<T> Entries<T>(IEnumerable<T> inherited, bool clear, IReadOnlyList<T> remove, IEnumerable<T> add)
        where T : IKeyedEntry
    {
        var removed = remove.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = clear ? [] : inherited.Where(e => !removed.Contains(e.Key));
        return ConfigList.From(kept.Concat(add));
    }

    private static RequestLimitsConfig? Merge(RequestLimitsConfig? parent, RequestLimitsConfig? child)
    {
        if (child is null || parent is null)
        {
            return child ?? parent;
        }

        return new RequestLimitsConfig
        {
            MaxAllowedContentLength = child.MaxAllowedContentLength ?? parent.MaxAllowedContentLength,
            MaxUrl = child.MaxUrl ?? parent.MaxUrl,
            MaxQueryString = child.MaxQueryString ?? parent.MaxQueryString,
            HeaderLimits = Merge(parent.HeaderLimits, child.HeaderLimits),
        };
    }
}
