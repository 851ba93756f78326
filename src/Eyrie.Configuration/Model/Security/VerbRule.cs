using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>An entry of IIS's <c>verbs</c>: allowed or denied.</summary>
public sealed record VerbRule : IKeyedEntry
{
    string IKeyedEntry.Key => Verb;

    [Description("The HTTP method, e.g. TRACE.")]
    public required string Verb { get; init; }

    [Description("Allow (true) or deny (false) it.")]
    public bool Allowed { get; init; } = true;
}
