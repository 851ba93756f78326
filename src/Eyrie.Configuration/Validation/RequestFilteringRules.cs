using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Validation;

/// <summary>
/// Checks a <c>requestFiltering</c> section, from eyrie.json or a web.config, as IIS's configuration system
/// does: each collection's unique key (<c>verb</c>, <c>fileExtension</c>, <c>segment</c>, …) appears once, and
/// a file extension starts with a dot.
/// </summary>
public static class RequestFilteringRules
{
    public static void Validate(RequestFilteringConfig? filtering, string path, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (filtering is null)
        {
            return;
        }

        var report = (map, diagnostics);
        if (filtering.FileExtensions is { } extensions)
        {
            Unique(report, extensions.Add, $"{path}.fileExtensions", nameof(FileExtensionRule.FileExtension), e => e.FileExtension);
            Extensions(report, extensions.Add, $"{path}.fileExtensions", e => e.FileExtension);
        }

        Unique(report, filtering.Verbs?.Add, $"{path}.verbs", nameof(VerbRule.Verb), v => v.Verb);
        Unique(report, filtering.HiddenSegments?.Add, $"{path}.hiddenSegments", nameof(SegmentEntry.Segment), s => s.Segment);
        Unique(report, filtering.DenyUrlSequences?.Add, $"{path}.denyUrlSequences", nameof(SequenceEntry.Sequence), s => s.Sequence);
        Unique(report, filtering.DenyQueryStringSequences?.Add, $"{path}.denyQueryStringSequences", nameof(SequenceEntry.Sequence), s => s.Sequence);
        Unique(report, filtering.AlwaysAllowedUrls?.Add, $"{path}.alwaysAllowedUrls", nameof(UrlEntry.Url), u => u.Url);
        Unique(report, filtering.AlwaysAllowedQueryStrings?.Add, $"{path}.alwaysAllowedQueryStrings", nameof(QueryStringEntry.QueryString), q => q.QueryString);
        Unique(report, filtering.RequestLimits?.HeaderLimits?.Add, $"{path}.requestLimits.headerLimits", nameof(HeaderLimitEntry.Header), h => h.Header);
        var rules = filtering.FilteringRules?.Add ?? [];
        Unique(report, rules, $"{path}.filteringRules", nameof(FilteringRuleConfig.Name), r => r.Name);
        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = $"{path}.filteringRules.add[{i}]";
            Unique(report, rules[i].AppliesTo?.Add, rulePath + ".appliesTo", nameof(FileExtensionEntry.FileExtension), e => e.FileExtension);
            Extensions(report, rules[i].AppliesTo?.Add, rulePath + ".appliesTo", e => e.FileExtension);
            Unique(report, rules[i].DenyStrings?.Add, rulePath + ".denyStrings", nameof(DenyStringEntry.Value), d => d.Value, "string");
            Unique(report, rules[i].ScanHeaders?.Add, rulePath + ".scanHeaders", nameof(RequestHeaderEntry.RequestHeader), h => h.RequestHeader);
        }
    }

    private static void Unique<T>((ConfigSourceMap Map, DiagnosticBag Diagnostics) report, IReadOnlyList<T>? entries, string path, string property, Func<T, string> key, string? keyName = null)
        where T : notnull
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var name = keyName ?? char.ToLowerInvariant(property[0]) + property[1..];
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            if (!seen.Add(key(entry)))
            {
                report.Diagnostics.Error(report.Map.LocationOf(entry, property), $"{path}.add[{i}].{name}", $"cannot add a duplicate entry with {name} '{key(entry)}'");
            }
        }
    }

    private static void Extensions<T>((ConfigSourceMap Map, DiagnosticBag Diagnostics) report, IReadOnlyList<T>? entries, string path, Func<T, string> extension)
        where T : notnull
    {
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var value = extension(entries![i]);
            if (!value.StartsWith('.'))
            {
                report.Diagnostics.Error(report.Map.LocationOf(entries[i], nameof(FileExtensionRule.FileExtension)), $"{path}.add[{i}].fileExtension", $"'{value}' is not a file extension: it must start with '.' ('.' alone means no extension)");
            }
        }
    }
}
