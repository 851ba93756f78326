using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>siteDefaults</c>: what every site has unless it says otherwise.</summary>
public sealed record SiteDefaultsConfig
{
    [Description("The access log settings of every site; a site's own logFile values override them.")]
    public LogFileConfig? LogFile { get; init; }
}
