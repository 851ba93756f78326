using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.WebConfig.Sections;
using Microsoft.AspNetCore.Rewrite;

namespace Eyrie.Server.WebServer;

/// <summary>
/// Compiles a web.config's <c>&lt;rewrite&gt;</c> rules with ASP.NET Core's IIS URL Rewrite importer, one rule at a
/// time so that an error names the rule and its line. Two gaps of the importer are closed first: Wildcard pattern
/// syntax becomes the equivalent regular expression, and a CustomResponse's subStatusCode (which only IIS's log
/// shows) is dropped instead of refused.
/// </summary>
internal static class RewriteRuleCompiler
{
    private const string Key = "system.webServer/rewrite/rules/rule";

    public static IReadOnlyList<IRule> Compile(RewriteSection section, DiagnosticBag diagnostics)
    {
        var maps = section.Element.Element("rewriteMaps");
        var compiled = new List<IRule>();
        foreach (var rule in section.Element.Element("rules")?.Elements("rule") ?? [])
        {
            var name = (string?)rule.Attribute("name") ?? "";
            var copy = new XElement(rule);
            copy.Element("serverVariables")?.Remove();
            copy.Element("action")?.Attribute("subStatusCode")?.Remove();
            if (string.Equals((string?)copy.Attribute("patternSyntax"), "Wildcard", StringComparison.OrdinalIgnoreCase))
            {
                ConvertWildcards(copy);
            }

            var document = new XElement("rewrite", maps is null ? null : new XElement(maps), new XElement("rules", copy));
            try
            {
                using var reader = new StringReader(document.ToString(SaveOptions.DisableFormatting));
                compiled.AddRange(new RewriteOptions().AddIISUrlRewrite(reader, alwaysUseManagedServerVariables: true).Rules);
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or XmlException or InvalidOperationException)
            {
                diagnostics.Error(SourceLocation.Of(section.File, rule), $"{Key}[{name}]", "the rule cannot be used: " + Reason(ex));
            }
        }

        return compiled;
    }

    /// <summary>IIS's Wildcard syntax: <c>*</c> matches any characters and is captured; nothing else is special.</summary>
    private static void ConvertWildcards(XElement rule)
    {
        rule.SetAttributeValue("patternSyntax", "ECMAScript");
        if (rule.Element("match")?.Attribute("url") is { } url)
        {
            url.Value = WildcardToRegex(url.Value);
        }

        foreach (var pattern in rule.Element("conditions")?.Elements("add").Select(c => c.Attribute("pattern")).OfType<XAttribute>() ?? [])
        {
            pattern.Value = WildcardToRegex(pattern.Value);
        }
    }

    private static string WildcardToRegex(string wildcard) =>
        "^" + Regex.Escape(wildcard).Replace("\\*", "(.*)", StringComparison.Ordinal) + "$";

    /// <summary>The importer's message without its own position, which is in the one-rule copy, not the file.</summary>
    private static string Reason(Exception ex)
    {
        var message = ex.Message;
        const string Start = "Message: '";
        var start = message.IndexOf(Start, StringComparison.Ordinal);
        var end = message.LastIndexOf("'. Line number", StringComparison.Ordinal);
        return start >= 0 && end > start ? message[(start + Start.Length)..end] : message;
    }
}
