using System.ComponentModel;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Model;

/// <summary>A named group of bindings, applications and virtual directories (an IIS site).</summary>
public sealed record SiteConfig
{
    [Description("The site's name, unique (case-insensitive). Used in logs, status and the admin API.")]
    public required string Name { get; init; }

    [Description("Where the site listens: protocol, address, port and host name.")]
    public ConfigList<BindingConfig> Bindings { get; init; } = [];

    [Description("Paths of the site served by an ASP.NET Core app that Eyrie starts and supervises.")]
    public ConfigList<ApplicationConfig> Applications { get; init; } = [];

    [Description("Paths of the site served as static files from a folder by Eyrie itself.")]
    public ConfigList<VirtualDirectoryConfig> VirtualDirectories { get; init; } = [];

    [Description("HTTP Strict Transport Security and the http to https redirect (IIS's hsts element).")]
    public HstsConfig? Hsts { get; init; }

    [Description("Content types added for the site's virtual directories (IIS's staticContent).")]
    public StaticContentConfig? StaticContent { get; init; }

    [Description("Default documents of the site's virtual directories (IIS's defaultDocument).")]
    public DefaultDocumentConfig? DefaultDocument { get; init; }

    [Description("Directory listing of the site's virtual directories (IIS's directoryBrowse).")]
    public DirectoryBrowseConfig? DirectoryBrowse { get; init; }

    [Description("IIS request filtering for the whole site (applications inherit and may override it).")]
    public RequestFilteringConfig? RequestFiltering { get; init; }

    [Description("IIS IP restrictions for the whole site.")]
    public IpSecurityConfig? IpSecurity { get; init; }

    [Description("IIS dynamic IP restrictions (per-client concurrency and rate) for the whole site.")]
    public DynamicIpSecurityConfig? DynamicIpSecurity { get; init; }

    [Description("IIS site limits (maxUrlSegments).")]
    public SiteLimitsConfig? Limits { get; init; }

    [Description("The site's W3C access log (IIS's logFile); values left out come from siteDefaults.logFile.")]
    public LogFileConfig? LogFile { get; init; }

    [Description("Addresses or CIDR ranges of proxies in front of Eyrie whose X-Forwarded-For is trusted by enableProxyMode.")]
    public ConfigList<string> TrustedProxies { get; init; } = [];
}
