namespace Eyrie.Server.Security;

/// <summary>One filtering rule ready to scan: where to look and what denies.</summary>
internal sealed record CompiledFilteringRule(
    string Name,
    HashSet<string> AppliesTo,
    string[] DenyStrings,
    bool ScanUrl,
    bool ScanQueryString,
    bool ScanAllRaw,
    bool DenyUnescapedPercent,
    string[] ScanHeaders);
