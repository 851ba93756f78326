using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>
/// An IIS configuration collection: the entries a level adds (<c>&lt;add&gt;</c>), and whether it drops all the
/// ones inherited from the level above (<c>&lt;clear/&gt;</c>) or some of them (<c>&lt;remove&gt;</c>).
/// </summary>
public sealed record ConfigCollection<T>
    where T : IKeyedEntry
{
    [Description("Drop the entries inherited from the site (or, in web.config, from the app's defaults), as <clear/> does.")]
    public bool Clear { get; init; }

    [Description("Inherited entries to drop, named by their key, as <remove> elements.")]
    public ConfigList<T> Remove { get; init; } = [];

    [Description("The entries, as <add> elements.")]
    public ConfigList<T> Add { get; init; } = [];
}
