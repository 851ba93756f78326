using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>fileExtensions</c> and <c>verbs</c>: entries allowed or denied, and what happens to the others.</summary>
public sealed record AllowListConfig<T>
    where T : IKeyedEntry
{
    [Description("Allow what is not listed (IIS default true); false admits only entries with allowed=true.")]
    public bool? AllowUnlisted { get; init; }

    [Description("Accepted for IIS compatibility; WebDAV does not apply.")]
    public bool? ApplyToWebDAV { get; init; }

    [Description("Drop the inherited entries, as <clear/> does.")]
    public bool Clear { get; init; }

    [Description("Inherited entries to drop, named by their key, as <remove> elements.")]
    public ConfigList<T> Remove { get; init; } = [];

    [Description("The entries, as <add> elements.")]
    public ConfigList<T> Add { get; init; } = [];
}
