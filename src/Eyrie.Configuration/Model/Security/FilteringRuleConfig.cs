using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>requestFiltering/filteringRules/filteringRule</c>: deny strings in the parts it scans (404.19).</summary>
public sealed record FilteringRuleConfig : IKeyedEntry
{
    string IKeyedEntry.Key => Name;

    [Description("The rule's name.")]
    public required string Name { get; init; }

    [Description("Scan the URL path.")]
    public bool ScanUrl { get; init; }

    [Description("Scan the query string (raw, and unescaped when unescapeQueryString).")]
    public bool ScanQueryString { get; init; }

    [Description("Scan the whole raw request target and every header.")]
    public bool ScanAllRaw { get; init; }

    [Description("Deny a % left after unescaping the scanned parts (IIS default true).")]
    public bool DenyUnescapedPercent { get; init; } = true;

    [Description("The extensions the rule applies to; none: every request.")]
    public ConfigCollection<FileExtensionEntry>? AppliesTo { get; init; }

    [Description("The strings that deny the request.")]
    public ConfigCollection<DenyStringEntry>? DenyStrings { get; init; }

    [Description("The headers to scan.")]
    public ConfigCollection<RequestHeaderEntry>? ScanHeaders { get; init; }
}
