using System.ComponentModel;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Model.Farms;

namespace Eyrie.Configuration.Model;

/// <summary>The whole desired state: the root of eyrie.json.</summary>
public sealed record EyrieConfig
{
    [ConfigKey("$schema")]
    [Description("The JSON schema of this file, for editor completion.")]
    public string? Schema { get; init; }

    [Description("The sites Eyrie serves. A site groups bindings, applications and virtual directories, as in IIS.")]
    public ConfigList<SiteConfig> Sites { get; init; } = [];

    [Description("What every site has unless it says otherwise (IIS's siteDefaults): its access log settings.")]
    public SiteDefaultsConfig? SiteDefaults { get; init; }

    [Description("Farms of remote servers that applications forward to, as IIS's Application Request Routing.")]
    public ConfigList<WebFarmConfig> WebFarms { get; init; } = [];

    [Description("Server-wide connection limits (IIS's webLimits): slow clients, idle connections, connections per client.")]
    public WebLimitsConfig? WebLimits { get; init; }

    [Description("Eyrie's admin API (used by `eyrie reload` and the other operator commands).")]
    public AdminConfig? Admin { get; init; }
}
