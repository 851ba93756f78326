using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>
/// IIS's <c>system.webServer/security/requestFiltering</c>, with its element and attribute names. Anything
/// left out is inherited (application from site, web.config from both) or takes IIS's default.
/// </summary>
public sealed record RequestFilteringConfig
{
    [Description("Allow URLs that change when decoded twice (IIS default false: 404.11).")]
    public bool? AllowDoubleEscaping { get; init; }

    [Description("Allow non-ASCII characters in the URL (IIS default true; false: 404.12).")]
    public bool? AllowHighBitCharacters { get; init; }

    [Description("Scan the query string unescaped as well as raw (IIS default true).")]
    public bool? UnescapeQueryString { get; init; }

    [Description("Remove the Server header from responses (IIS default false).")]
    public bool? RemoveServerHeader { get; init; }

    [Description("File extensions allowed or denied (404.7).")]
    public AllowListConfig<FileExtensionRule>? FileExtensions { get; init; }

    [Description("HTTP methods allowed or denied (404.6).")]
    public AllowListConfig<VerbRule>? Verbs { get; init; }

    [Description("Path segments never served (404.8).")]
    public ConfigCollection<SegmentEntry>? HiddenSegments { get; init; }

    [Description("Sequences denied in the URL (404.5).")]
    public ConfigCollection<SequenceEntry>? DenyUrlSequences { get; init; }

    [Description("Sequences denied in the query string (404.18).")]
    public ConfigCollection<SequenceEntry>? DenyQueryStringSequences { get; init; }

    [Description("URLs that skip denyUrlSequences.")]
    public ConfigCollection<UrlEntry>? AlwaysAllowedUrls { get; init; }

    [Description("Query strings that skip denyQueryStringSequences.")]
    public ConfigCollection<QueryStringEntry>? AlwaysAllowedQueryStrings { get; init; }

    [Description("Size limits: body (413.1), URL (404.14), query string (404.15), headers (431).")]
    public RequestLimitsConfig? RequestLimits { get; init; }

    [Description("Rules that deny strings in the parts they scan (404.19).")]
    public ConfigCollection<FilteringRuleConfig>? FilteringRules { get; init; }
}
