using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.WebServer;

/// <summary>
/// An app's IIS URL Rewrite rules, compiled by ASP.NET Core's IIS rewrite importer and run the way its middleware
/// runs them. As in IIS, the rules match the path relative to the app (the part after its virtual path, without
/// the leading slash), so the app's path is the path base while they run; a rewritten request carries its
/// original URL in <c>X-Original-URL</c>, as IIS's rewrite module sets it.
/// </summary>
public sealed class UrlRewriter(string basePath, IReadOnlyList<IRule> rules, IFileProvider appFiles, ILogger logger)
{
    private const string OriginalUrlHeader = "X-Original-URL";

    public RewriteOutcome Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var originalPath = request.Path;
        var originalQuery = request.QueryString;
        var pathValue = originalPath.Value ?? "/";
        var prefixLength = basePath == "/" ? 0 : Math.Min(basePath.Length, pathValue.Length);
        request.PathBase = new PathString(pathValue[..prefixLength]);
        request.Path = new PathString(prefixLength == pathValue.Length ? "/" : pathValue[prefixLength..]);
        var rewrite = new RewriteContext { HttpContext = context, StaticFileProvider = appFiles, Logger = logger, Result = RuleResult.ContinueRules };
        try
        {
            foreach (var rule in rules)
            {
                rule.ApplyRule(rewrite);
                if (rewrite.Result != RuleResult.ContinueRules)
                {
                    break;
                }
            }
        }
        finally
        {
            var rewritten = request.Path;
            request.Path = request.PathBase.Add(rewritten);
            request.PathBase = PathString.Empty;
        }

        if (rewrite.Result == RuleResult.EndResponse)
        {
            return RewriteOutcome.Ended;
        }

        if (request.Path.Equals(originalPath, StringComparison.Ordinal) && request.QueryString == originalQuery)
        {
            return RewriteOutcome.Unchanged;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        request.Headers[OriginalUrlHeader] = string.IsNullOrEmpty(rawTarget) ? originalPath.ToUriComponent() + originalQuery.ToUriComponent() : rawTarget;
        return RewriteOutcome.Rewritten;
    }
}
