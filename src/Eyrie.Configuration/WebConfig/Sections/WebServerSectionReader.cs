using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// Reads the <c>system.webServer</c> sections of a web.config that Eyrie honours besides <c>aspNetCore</c> and
/// <c>security</c>: httpProtocol, httpErrors, httpRedirect, staticContent, defaultDocument, directoryBrowse,
/// urlCompression, httpCompression and rewrite. Names are IIS's, case-sensitive; an unknown attribute is an error
/// (IIS answers 500.19 for it), and every element Eyrie does not honour gets one warning naming it.
/// </summary>
internal static class WebServerSectionReader
{
    private const string Root = "system.webServer";

    public static HttpProtocolSection ReadHttpProtocol(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/httpProtocol";
        var reader = new XmlElementReader(element, file, key, diagnostics, "allowKeepAlive");
        CollectionEdit<CustomHeader>? custom = null;
        CollectionEdit<CustomHeader>? redirect = null;
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "customHeaders":
                    custom = ReadHeaders(child, file, key + "/customHeaders", diagnostics);
                    break;
                case "redirectHeaders":
                    redirect = ReadHeaders(child, file, key + "/redirectHeaders", diagnostics);
                    break;
                default:
                    Unrecognized(child, file, key, diagnostics);
                    break;
            }
        }

        return new HttpProtocolSection(reader.Bool("allowKeepAlive"), custom, redirect);
    }

    public static HttpErrorsSection ReadHttpErrors(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/httpErrors";
        var reader = new XmlElementReader(element, file, key, diagnostics,
            "errorMode", "existingResponse", "defaultResponseMode", "defaultPath", "detailedMoreInformationLink", "allowAbsolutePathsWhenDelegated");
        var errors = ReadCollection(element, file, key, diagnostics, "error", e => e.Key,
            add =>
            {
                var entry = new XmlElementReader(add, file, key + "/error", diagnostics, "statusCode", "subStatusCode", "path", "responseMode", "prefixLanguageFilePath");
                var status = entry.Int("statusCode", 400, 999);
                var path = entry.Required("path");
                if (!string.IsNullOrEmpty(entry.String("prefixLanguageFilePath")))
                {
                    diagnostics.Warning(entry.Location, key + "/error/@prefixLanguageFilePath",
                        "language folders are not used: a File path is relative to the app's folder");
                }

                if (status is null)
                {
                    if (entry.String("statusCode") is null)
                    {
                        entry.Report("statusCode", "<error> needs a statusCode between 400 and 999");
                    }

                    return null;
                }

                return path is null ? null : new HttpErrorEntry(status.Value, entry.Int("subStatusCode", -1, 999) ?? -1, path, entry.Enum<ErrorResponseMode>("responseMode"), entry.Location);
            },
            remove =>
            {
                var entry = new XmlElementReader(remove, file, key + "/remove", diagnostics, "statusCode", "subStatusCode");
                return entry.Int("statusCode", 400, 999) is { } status ? HttpErrorEntry.Keyed(status, entry.Int("subStatusCode", -1, 999) ?? -1) : null;
            });
        return new HttpErrorsSection(reader.Enum<HttpErrorMode>("errorMode"), reader.Enum<ExistingResponseMode>("existingResponse"),
            reader.Enum<ErrorResponseMode>("defaultResponseMode"), NullIfEmpty(reader.String("defaultPath")), errors);
    }

    public static HttpRedirectSection ReadHttpRedirect(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/httpRedirect";
        var reader = new XmlElementReader(element, file, key, diagnostics, "enabled", "destination", "exactDestination", "childOnly", "httpResponseStatus");
        var wildcards = element.HasElements
            ? ReadCollection(element, file, key, diagnostics, "add", w => w.Wildcard,
                add =>
                {
                    var entry = new XmlElementReader(add, file, key + "/add", diagnostics, "wildcard", "destination");
                    return entry.Required("wildcard") is { } wildcard && entry.String("destination") is { } destination ? new WildcardRedirect(wildcard, destination) : null;
                },
                remove => new XmlElementReader(remove, file, key + "/remove", diagnostics, "wildcard").Required("wildcard"))
            : null;
        return new HttpRedirectSection(reader.Bool("enabled"), NullIfEmpty(reader.String("destination")), reader.Bool("exactDestination"), reader.Bool("childOnly"),
            reader.Enum<RedirectResponseStatus>("httpResponseStatus"), wildcards);
    }

    public static StaticContentSection ReadStaticContent(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/staticContent";
        var reader = new XmlElementReader(element, file, key, diagnostics, "enableDocFooter", "defaultDocFooter", "isDocFooterFileName");
        if (reader.Bool("enableDocFooter") == true)
        {
            diagnostics.Warning(reader.Location, key + "/@enableDocFooter", "document footers are not supported; files are served as they are");
        }

        ClientCacheConfig? clientCache = null;
        var clientCacheElement = element.Element("clientCache");
        if (clientCacheElement is not null)
        {
            var cache = new XmlElementReader(clientCacheElement, file, key + "/clientCache", diagnostics, "cacheControlMode", "cacheControlMaxAge", "httpExpires", "cacheControlCustom", "setEtag");
            clientCache = new ClientCacheConfig
            {
                CacheControlMode = cache.Enum<CacheControlMode>("cacheControlMode"),
                CacheControlMaxAge = cache.Time("cacheControlMaxAge"),
                HttpExpires = NullIfEmpty(cache.String("httpExpires")),
                CacheControlCustom = NullIfEmpty(cache.String("cacheControlCustom")),
                SetEtag = cache.Bool("setEtag"),
            };
        }

        var mimeMaps = ReadCollection(element, file, key, diagnostics, "mimeMap", m => m.FileExtension,
            add =>
            {
                var entry = new XmlElementReader(add, file, key + "/mimeMap", diagnostics, "fileExtension", "mimeType");
                var extension = entry.Required("fileExtension");
                var type = entry.Required("mimeType");
                if (extension is not null && !extension.StartsWith('.'))
                {
                    entry.Report("fileExtension", $"'{extension}' must start with a dot");
                    return null;
                }

                return extension is null || type is null ? null : new MimeMapConfig { FileExtension = extension, MimeType = type };
            },
            remove => new XmlElementReader(remove, file, key + "/remove", diagnostics, "fileExtension").Required("fileExtension"),
            ignore: ["clientCache"]);
        return new StaticContentSection(mimeMaps, clientCache);
    }

    public static DefaultDocumentSection ReadDefaultDocument(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/defaultDocument";
        var reader = new XmlElementReader(element, file, key, diagnostics, "enabled");
        CollectionEdit<string>? files = null;
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == "files")
            {
                files = ReadCollection(child, file, key + "/files", diagnostics, "add", f => f,
                    add => new XmlElementReader(add, file, key + "/files/add", diagnostics, "value").Required("value"),
                    remove => new XmlElementReader(remove, file, key + "/files/remove", diagnostics, "value").Required("value"));
            }
            else
            {
                Unrecognized(child, file, key, diagnostics);
            }
        }

        return new DefaultDocumentSection(reader.Bool("enabled"), files);
    }

    public static bool? ReadDirectoryBrowse(XElement element, string file, DiagnosticBag diagnostics) =>
        new XmlElementReader(element, file, Root + "/directoryBrowse", diagnostics, "enabled", "showFlags").Bool("enabled");

    public static UrlCompressionSection ReadUrlCompression(XElement element, string file, DiagnosticBag diagnostics)
    {
        var reader = new XmlElementReader(element, file, Root + "/urlCompression", diagnostics, "doStaticCompression", "doDynamicCompression", "dynamicCompressionBeforeCache");
        return new UrlCompressionSection(reader.Bool("doStaticCompression"), reader.Bool("doDynamicCompression"));
    }

    public static HttpCompressionSection ReadHttpCompression(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/httpCompression";
        var reader = new XmlElementReader(element, file, key, diagnostics,
            "directory", "doDiskSpaceLimiting", "maxDiskSpaceUsage", "minFileSizeForComp", "noCompressionForHttp10", "noCompressionForProxies",
            "noCompressionForRange", "sendCacheHeaders", "staticCompressionDisableCpuUsage", "staticCompressionEnableCpuUsage",
            "dynamicCompressionDisableCpuUsage", "dynamicCompressionEnableCpuUsage", "dynamicCompressionBufferLimit", "staticCompressionIgnoreHitFrequency");
        var schemes = ReadCollection(element, file, key, diagnostics, "scheme", s => s,
            add =>
            {
                var scheme = new XmlElementReader(add, file, key + "/scheme", diagnostics,
                    "name", "dll", "doStaticCompression", "doDynamicCompression", "staticCompressionLevel", "dynamicCompressionLevel");
                var name = scheme.Required("name");
                if (name is not null && !name.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    diagnostics.Warning(scheme.Location, key + "/scheme", $"the '{name}' scheme is not offered: Eyrie compresses with gzip and br");
                    return null;
                }

                return scheme.Bool("doDynamicCompression") == false ? null : name?.ToLowerInvariant();
            },
            remove => new XmlElementReader(remove, file, key + "/remove", diagnostics, "name").Required("name"),
            ignore: ["dynamicTypes", "staticTypes"]);
        CollectionEdit<string>? dynamicTypes = null;
        if (element.Element("dynamicTypes") is { } types)
        {
            var edit = ReadCollection(types, file, key + "/dynamicTypes", diagnostics, "add", t => t,
                add =>
                {
                    var entry = new XmlElementReader(add, file, key + "/dynamicTypes/add", diagnostics, "mimeType", "enabled");
                    return entry.Required("mimeType") is { } type ? (entry.Bool("enabled") == false ? "-" + type : type) : null;
                },
                remove => new XmlElementReader(remove, file, key + "/dynamicTypes/remove", diagnostics, "mimeType").Required("mimeType"));

            // A disabled entry (enabled="false") takes the type out, as if removed.
            dynamicTypes = edit with
            {
                Remove = [.. edit.Remove, .. edit.Add.Where(t => t.StartsWith('-')).Select(t => t[1..])],
                Add = [.. edit.Add.Where(t => !t.StartsWith('-'))],
            };
        }

        return new HttpCompressionSection(reader.Int("minFileSizeForComp", 0, int.MaxValue), reader.Bool("noCompressionForHttp10"),
            reader.Bool("noCompressionForProxies"), reader.Bool("noCompressionForRange"), schemes.Add.Count > 0 || schemes.Clear ? schemes : null, dynamicTypes);
    }

    /// <summary>Keeps the rewrite section for the server, warning about the parts ASP.NET Core's IIS rewrite importer does not run.</summary>
    public static RewriteSection ReadRewrite(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = Root + "/rewrite";
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "rules":
                    foreach (var rule in child.Elements("rule"))
                    {
                        if (rule.Element("serverVariables") is { } variables)
                        {
                            diagnostics.Warning(SourceLocation.Of(file, variables), $"{key}/rules/rule[{(string?)rule.Attribute("name")}]/serverVariables",
                                "ignored: setting server variables is not supported; the rule's other parts apply");
                        }
                    }

                    break;
                case "rewriteMaps":
                    break;
                case "globalRules":
                    diagnostics.Warning(SourceLocation.Of(file, child), key + "/globalRules", "ignored: global rules belong in applicationHost.config, not in an app's web.config");
                    break;
                default:
                    diagnostics.Warning(SourceLocation.Of(file, child), $"{key}/{child.Name.LocalName}", $"ignored: <{child.Name.LocalName}> (URL Rewrite) is not supported");
                    break;
            }
        }

        return new RewriteSection(element, file);
    }

    /// <summary>
    /// The <c>handlers</c> and <c>modules</c> sections: the ASP.NET Core Module's handler is what Eyrie is, and
    /// removing handlers or modules Eyrie does not have changes nothing; anything added is not run, and said so.
    /// </summary>
    public static void CheckHandlersOrModules(XElement element, string file, DiagnosticBag diagnostics)
    {
        var key = $"{Root}/{element.Name.LocalName}";
        foreach (var child in element.Elements())
        {
            var name = (string?)child.Attribute("name") ?? "";
            switch (child.Name.LocalName)
            {
                case "add" when element.Name.LocalName == "handlers" && ((string?)child.Attribute("modules") ?? "").StartsWith("AspNetCoreModule", StringComparison.OrdinalIgnoreCase):
                case "remove":
                case "clear":
                    break;
                case "add":
                    diagnostics.Warning(SourceLocation.Of(file, child), $"{key}[{name}]",
                        $"ignored: the {(element.Name.LocalName == "handlers" ? "handler" : "module")} '{name}' is an IIS component; every request of the app goes to the app");
                    break;
                default:
                    Unrecognized(child, file, key, diagnostics);
                    break;
            }
        }
    }

    public static void Unsupported(XElement element, string file, string parentKey, DiagnosticBag diagnostics) =>
        diagnostics.Warning(SourceLocation.Of(file, element), $"{parentKey}/{element.Name.LocalName}", $"ignored: <{element.Name.LocalName}> is not supported by Eyrie");

    private static CollectionEdit<CustomHeader> ReadHeaders(XElement element, string file, string key, DiagnosticBag diagnostics) =>
        ReadCollection(element, file, key, diagnostics, "add", h => h.Name,
            add =>
            {
                var entry = new XmlElementReader(add, file, key + "/add", diagnostics, "name", "value");
                var name = entry.Required("name");
                if (name is not null && (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c))))
                {
                    entry.Report("name", $"'{name}' is not a valid header name");
                    return null;
                }

                var value = entry.String("value") ?? "";
                if (value.Any(c => c is '\r' or '\n' or '\0'))
                {
                    entry.Report("value", "a header value cannot contain CR, LF or NUL");
                    return null;
                }

                return name is null ? null : new CustomHeader(name, value);
            },
            remove => new XmlElementReader(remove, file, key + "/remove", diagnostics, "name").Required("name"));

    /// <summary>Reads an IIS collection: add elements, <c>&lt;remove&gt;</c> by key and <c>&lt;clear/&gt;</c>; a duplicate key is IIS's error.</summary>
    private static CollectionEdit<T> ReadCollection<T>(XElement element, string file, string key, DiagnosticBag diagnostics, string addName,
        Func<T, string> keyOf, Func<XElement, T?> readAdd, Func<XElement, string?> readRemove, params string[] ignore)
    {
        var clear = false;
        var removed = new List<string>();
        var added = new List<T>();
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (name == addName)
            {
                if (readAdd(child) is not { } entry)
                {
                    continue;
                }

                if (added.Any(a => string.Equals(keyOf(a), keyOf(entry), StringComparison.OrdinalIgnoreCase)))
                {
                    diagnostics.Error(SourceLocation.Of(file, child), $"{key}/{addName}[{keyOf(entry)}]",
                        $"Cannot add duplicate collection entry of type '{addName}' with unique key '{keyOf(entry)}'");
                    continue;
                }

                added.Add(entry);
            }
            else if (name == "remove")
            {
                if (readRemove(child) is { } removedKey && added.RemoveAll(a => string.Equals(keyOf(a), removedKey, StringComparison.OrdinalIgnoreCase)) == 0)
                {
                    removed.Add(removedKey);
                }
            }
            else if (name == "clear")
            {
                clear = true;
                removed.Clear();
                added.Clear();
            }
            else if (!ignore.Contains(name))
            {
                Unrecognized(child, file, key, diagnostics);
            }
        }

        return new CollectionEdit<T>(clear, removed, added);
    }

    private static void Unrecognized(XElement element, string file, string key, DiagnosticBag diagnostics) =>
        diagnostics.Error(SourceLocation.Of(file, element), $"{key}/{element.Name.LocalName}", $"unrecognized element '{element.Name.LocalName}'");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
