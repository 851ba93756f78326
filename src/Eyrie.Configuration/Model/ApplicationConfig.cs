using System.ComponentModel;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Model;

/// <summary>
/// A path of a site served by an ASP.NET Core app, the output of <c>dotnet publish</c> started from its
/// web.config as the ASP.NET Core Module would (<c>physicalPath</c>), or by a farm of remote servers
/// (<c>webFarm</c>).
/// </summary>
public sealed record ApplicationConfig
{
    [Description("The virtual path, e.g. / or /shop. Matched case-insensitively; the longest matching path wins.")]
    public required string Path { get; init; }

    [Description("The app's folder (the output of dotnet publish, with its web.config). Relative paths are relative to eyrie.json.")]
    public string? PhysicalPath { get; init; }

    [Description("The name of a web farm to forward to, instead of an app folder.")]
    public string? WebFarm { get; init; }

    [Description("Settings that override the <aspNetCore> element of the app's web.config.")]
    public AspNetCoreConfig? AspNetCore { get; init; }

    [Description("How the app's workers are kept: start mode, queue, idle timeout, recycling, rapid-fail protection, load balancing, health check.")]
    public ApplicationPoolConfig? ApplicationPool { get; init; }

    [Description("IIS request filtering for this application, over the site's (its web.config can add more).")]
    public RequestFilteringConfig? RequestFiltering { get; init; }

    [Description("IIS IP restrictions for this application, over the site's.")]
    public IpSecurityConfig? IpSecurity { get; init; }

    [Description("IIS dynamic IP restrictions for this application, over the site's.")]
    public DynamicIpSecurityConfig? DynamicIpSecurity { get; init; }
}
