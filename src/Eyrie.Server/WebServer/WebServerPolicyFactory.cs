using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Paths;
using Eyrie.Configuration.WebConfig;
using Eyrie.Configuration.WebConfig.Sections;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eyrie.Server.WebServer;

/// <summary>
/// Compiles an app's web.config <c>system.webServer</c> sections into its <see cref="RouteWebServer"/>: for the
/// app's root and each <c>&lt;location&gt;</c>, the sections of every enclosing path applied in order (attributes
/// overridden, collections edited), as IIS inherits configuration.
/// </summary>
public static class WebServerPolicyFactory
{
    /// <summary>IIS's default <c>httpCompression/dynamicTypes</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultDynamicTypes =
        ["text/*", "message/*", "application/x-javascript", "application/javascript", "application/json", "application/atom+xml", "application/xaml+xml"];

    private static readonly IReadOnlyList<string> DefaultSchemes = ["br", "gzip"];
    // The compression provider only asks its services for a logger; its decisions are not worth logging per request.
    private static readonly IServiceProvider NoServices = new ServiceCollection().AddLogging().BuildServiceProvider();

    /// <param name="appPath">The app's virtual path in its site (<c>/</c>, <c>/shop</c>).</param>
    /// <param name="appFolder">The app's folder: custom error files and rewrite conditions on files are relative to it.</param>
    /// <param name="locations">The web.config's sections by path below the app.</param>
    /// <param name="diagnostics">Where compile errors go; with any, the app answers 500.19 (<see cref="RouteWebServer.ConfigurationError"/>).</param>
    public static RouteWebServer Build(string appPath, string appFolder, IReadOnlyList<WebConfigLocation> locations, ILogger logger, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!locations.Any(l => l.HasWebServerSections))
        {
            return RouteWebServer.None;
        }

        var local = new DiagnosticBag();
        var compiled = new List<(string Path, WebServerPolicy Policy)>();
        foreach (var location in locations.Where(l => l.Path == "/" || l.HasWebServerSections))
        {
            var chain = locations.Where(l => VirtualPath.Contains(l.Path, location.Path)).OrderBy(l => l.Path.Length).ToList();
            var sitePath = appPath == "/" ? location.Path : location.Path == "/" ? appPath : appPath + location.Path;
            compiled.Add((sitePath, Compile(chain, appPath, sitePath, appFolder, logger, local)));
        }

        diagnostics.AddRange(local.Items);
        var error = local.HasErrors ? string.Join(Environment.NewLine, local.Items.Where(d => d.Severity == DiagnosticSeverity.Error)) : null;
        return new RouteWebServer(compiled, error);
    }

    private static WebServerPolicy Compile(IReadOnlyList<WebConfigLocation> chain, string appPath, string sitePath, string appFolder, ILogger logger, DiagnosticBag diagnostics)
    {
        IReadOnlyList<CustomHeader> headers = [];
        IReadOnlyList<CustomHeader> redirectHeaders = [];
        bool? allowKeepAlive = null;
        foreach (var protocol in chain.Select(l => l.HttpProtocol).OfType<HttpProtocolSection>())
        {
            headers = (protocol.CustomHeaders ?? CollectionEdit<CustomHeader>.Empty).ApplyTo(headers, h => h.Name);
            redirectHeaders = (protocol.RedirectHeaders ?? CollectionEdit<CustomHeader>.Empty).ApplyTo(redirectHeaders, h => h.Name);
            allowKeepAlive = protocol.AllowKeepAlive ?? allowKeepAlive;
        }

        return new WebServerPolicy
        {
            CustomHeaders = headers,
            RedirectHeaders = redirectHeaders,
            CloseConnection = allowKeepAlive == false,
            Errors = CompileErrors(chain, appFolder, diagnostics),
            Redirect = CompileRedirect(chain, sitePath),
            Rewrite = CompileRewrite(chain, appPath, appFolder, logger, diagnostics),
            Compression = CompileCompression(chain),
        };
    }

    private static CustomErrorPages? CompileErrors(IReadOnlyList<WebConfigLocation> chain, string appFolder, DiagnosticBag diagnostics)
    {
        var sections = chain.Select(l => l.HttpErrors).OfType<HttpErrorsSection>().ToList();
        if (sections.Count == 0)
        {
            return null;
        }

        IReadOnlyList<HttpErrorEntry> entries = [];
        foreach (var section in sections)
        {
            entries = section.Errors.ApplyTo(entries, e => e.Key);
        }

        var defaultMode = sections.Select(s => s.DefaultResponseMode).LastOrDefault(m => m is not null) ?? ErrorResponseMode.File;
        var pages = new Dictionary<(int, int), CustomErrorPage>();
        foreach (var entry in entries)
        {
            if (Page(entry.ResponseMode ?? defaultMode, entry.Path, entry.Origin) is { } page)
            {
                pages[(entry.StatusCode, entry.SubStatusCode)] = page;
            }
        }

        var defaultPathSection = sections.LastOrDefault(s => s.DefaultPath is not null);
        var defaultPage = defaultPathSection is null ? null : Page(defaultMode, defaultPathSection.DefaultPath!, SourceLocation.None);
        if (pages.Count == 0 && defaultPage is null)
        {
            return null;
        }

        return new CustomErrorPages(
            sections.Select(s => s.ErrorMode).LastOrDefault(m => m is not null) ?? HttpErrorMode.DetailedLocalOnly,
            sections.Select(s => s.ExistingResponse).LastOrDefault(m => m is not null) ?? ExistingResponseMode.Auto,
            pages,
            defaultPage);

        CustomErrorPage? Page(ErrorResponseMode mode, string path, SourceLocation origin)
        {
            switch (mode)
            {
                case ErrorResponseMode.File:
                    var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(appFolder)) + Path.DirectorySeparatorChar;
                    var full = Path.GetFullPath(Path.Combine(root, path.Replace('\\', '/').TrimStart('/')));
                    if (path.Contains(':', StringComparison.Ordinal) || !full.StartsWith(root, StringComparison.Ordinal))
                    {
                        diagnostics.Error(origin, "system.webServer/httpErrors/error/@path", $"'{path}' must be a file in the app's folder, relative to it");
                        return null;
                    }

                    return new CustomErrorPage(mode, full);
                case ErrorResponseMode.ExecuteURL:
                    if (!path.StartsWith('/'))
                    {
                        diagnostics.Error(origin, "system.webServer/httpErrors/error/@path", $"'{path}' must be a URL of the site starting with /, for responseMode ExecuteURL");
                        return null;
                    }

                    return new CustomErrorPage(mode, path);
                default:
                    return new CustomErrorPage(mode, path);
            }
        }
    }

    private static HttpRedirectRule? CompileRedirect(IReadOnlyList<WebConfigLocation> chain, string sitePath)
    {
        var sections = chain.Select(l => l.HttpRedirect).OfType<HttpRedirectSection>().ToList();
        if (sections.Count == 0 || sections.Select(s => s.Enabled).LastOrDefault(e => e is not null) != true)
        {
            return null;
        }

        IReadOnlyList<WildcardRedirect> wildcards = [];
        foreach (var section in sections)
        {
            wildcards = (section.Wildcards ?? CollectionEdit<WildcardRedirect>.Empty).ApplyTo(wildcards, w => w.Wildcard);
        }

        var status = sections.Select(s => s.HttpResponseStatus).LastOrDefault(s => s is not null) ?? RedirectResponseStatus.Found;
        return new HttpRedirectRule(
            sitePath,
            sections.Select(s => s.Destination).LastOrDefault(d => d is not null),
            sections.Select(s => s.ExactDestination).LastOrDefault(e => e is not null) ?? false,
            sections.Select(s => s.ChildOnly).LastOrDefault(c => c is not null) ?? false,
            (int)status,
            [.. wildcards.Select(w => (HttpRedirectRule.CompileWildcard(w.Wildcard), w.Destination))]);
    }

    private static UrlRewriter? CompileRewrite(IReadOnlyList<WebConfigLocation> chain, string appPath, string appFolder, ILogger logger, DiagnosticBag diagnostics)
    {
        // Parent rules run before child rules, as IIS runs distributed rules.
        var rules = chain.Select(l => l.Rewrite).OfType<RewriteSection>().SelectMany(section => RewriteRuleCompiler.Compile(section, diagnostics)).ToList();
        return rules.Count == 0 ? null : new UrlRewriter(appPath, rules, new PhysicalFileProvider(appFolder), logger);
    }

    /// <summary>
    /// Dynamic compression is on only where a web.config turns it on (<c>urlCompression/@doDynamicCompression="true"</c>):
    /// IIS's schema defaults it to true, but its dynamic compression module is not installed by default.
    /// </summary>
    private static ResponseCompressor? CompileCompression(IReadOnlyList<WebConfigLocation> chain)
    {
        if (chain.Select(l => l.UrlCompression?.DoDynamicCompression).LastOrDefault(d => d is not null) != true)
        {
            return null;
        }

        IReadOnlyList<string> schemes = DefaultSchemes;
        IReadOnlyList<string> types = DefaultDynamicTypes;
        bool? http10 = null, proxies = null, range = null;
        foreach (var section in chain.Select(l => l.HttpCompression).OfType<HttpCompressionSection>())
        {
            schemes = section.Schemes?.ApplyTo(schemes, s => s) ?? schemes;
            types = section.DynamicTypes?.ApplyTo(types, t => t) ?? types;
            http10 = section.NoCompressionForHttp10 ?? http10;
            proxies = section.NoCompressionForProxies ?? proxies;
            range = section.NoCompressionForRange ?? range;
        }

        if (schemes.Count == 0 || types.Count == 0)
        {
            return null;
        }

        var options = new ResponseCompressionOptions { EnableForHttps = true, MimeTypes = types };
        foreach (var scheme in schemes)
        {
            options.Providers.Add(scheme == "br"
                ? new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions()))
                : new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions())));
        }

        var provider = new IisCompressionProvider(new ResponseCompressionProvider(NoServices, Options.Create(options)), http10 ?? true, proxies ?? true, range ?? true);
        return new ResponseCompressor(provider);
    }
}
