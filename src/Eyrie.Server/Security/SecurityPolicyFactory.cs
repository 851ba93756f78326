using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.Validation;
using Eyrie.Configuration.WebConfig;

namespace Eyrie.Server.Security;

/// <summary>
/// Computes a route's effective security with IIS inheritance: IIS's defaults, then the site, then the
/// application (eyrie.json), then the app's web.config, then each of its <c>&lt;location path&gt;</c> sections.
/// </summary>
public sealed class SecurityPolicyFactory(DynamicIpLimiterRegistry limiters)
{
    private readonly HashSet<DynamicIpLimiter> _used = [];

    /// <summary>The limiters the policies built so far use (to retire the others after a reload).</summary>
    public IReadOnlySet<DynamicIpLimiter> UsedLimiters => _used;

    public RouteSecurity ForApplication(SiteConfig site, ApplicationConfig application, string virtualPath, IReadOnlyList<WebConfigLocation> webConfig)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(webConfig);
        var root = webConfig.FirstOrDefault(l => l.Path == "/");
        var filtering = IisSecurityDefaults.RequestFiltering.Over(site.RequestFiltering).Over(application.RequestFiltering).Over(root?.RequestFiltering);
        var ip = Merge(site.IpSecurity, application.IpSecurity, root?.IpSecurity);
        var dynamicScope = root?.DynamicIpSecurity is not null ? $"{site.Name}{virtualPath}#web.config"
            : application.DynamicIpSecurity is not null ? site.Name + virtualPath
            : site.Name;
        var dynamicIp = Merge(site.DynamicIpSecurity, application.DynamicIpSecurity, root?.DynamicIpSecurity);
        var proxies = TrustedProxies(site);

        var rootPolicy = Compile(filtering, ip, dynamicIp, dynamicScope, site.Limits, proxies);
        var locations = webConfig.Where(l => l.Path != "/").Select(l => (l.Path, Compile(
            filtering.Over(l.RequestFiltering),
            l.IpSecurity is null ? ip : (ip ?? new IpSecurityConfig()).Over(l.IpSecurity),
            l.DynamicIpSecurity is null ? dynamicIp : (dynamicIp ?? new DynamicIpSecurityConfig()).Over(l.DynamicIpSecurity),
            l.DynamicIpSecurity is null ? dynamicScope : $"{site.Name}{virtualPath}#{l.Path}",
            site.Limits,
            proxies))).ToList();
        return new RouteSecurity(rootPolicy, locations);
    }

    /// <summary>The security of an application whose web.config security sections are invalid: it answers 500.19 until they are fixed.</summary>
    public static RouteSecurity ForInvalidWebConfig(string error) =>
        new(new SecurityPolicy(new RequestFilter(IisSecurityDefaults.RequestFiltering, null), null, null, [], error), []);

    /// <summary>The security of a virtual directory: the site's.</summary>
    public RouteSecurity ForSite(SiteConfig site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var filtering = IisSecurityDefaults.RequestFiltering.Over(site.RequestFiltering);
        return new RouteSecurity(Compile(filtering, site.IpSecurity, site.DynamicIpSecurity, site.Name, site.Limits, TrustedProxies(site)), []);
    }

    private SecurityPolicy Compile(RequestFilteringConfig filtering, IpSecurityConfig? ip, DynamicIpSecurityConfig? dynamicIp, string dynamicScope, SiteLimitsConfig? limits, IReadOnlyList<IPNetwork> proxies)
    {
        var restriction = ip is null ? null : new IpRestriction(ip, ip.Add);
        DynamicIpLimiter? limiter = null;
        if (dynamicIp is not null)
        {
            limiter = limiters.GetOrCreate(dynamicScope, dynamicIp);
            if (limiter.IsActive)
            {
                _used.Add(limiter);
            }
            else
            {
                limiter = null;
            }
        }

        return new SecurityPolicy(new RequestFilter(filtering, limits), restriction, limiter, proxies);
    }

    private static IpSecurityConfig? Merge(params IpSecurityConfig?[] levels) =>
        levels.All(l => l is null) ? null : levels.Aggregate(new IpSecurityConfig(), (merged, level) => merged.Over(level));

    private static DynamicIpSecurityConfig? Merge(params DynamicIpSecurityConfig?[] levels) =>
        levels.All(l => l is null) ? null : levels.Aggregate(new DynamicIpSecurityConfig(), (merged, level) => merged.Over(level));

    private static IPNetwork[] TrustedProxies(SiteConfig site) => [.. site.TrustedProxies.Select(p => IpNetworkParser.Parse(p))];
}
