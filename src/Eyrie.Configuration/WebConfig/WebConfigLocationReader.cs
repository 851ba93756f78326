using System.Xml.Linq;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.Validation;
using Eyrie.Configuration.WebConfig.Sections;

namespace Eyrie.Configuration.WebConfig;

/// <summary>
/// Reads a web.config's <c>system.webServer</c> sections per path: the app root's and each <c>&lt;location path&gt;</c>'s,
/// security sections bound onto eyrie.json's records, the others through <see cref="WebServerSectionReader"/>. Every
/// element Eyrie does not honour gets one warning naming it.
/// </summary>
internal static class WebConfigLocationReader
{
    /// <summary>The <c>system.webServer</c> sections for the app root and for each <c>&lt;location path&gt;</c>; one warning for each element Eyrie does not honour.</summary>
    public static List<WebConfigLocation> Read(XElement configuration, string file, DiagnosticBag diagnostics)
    {
        var scopes = new List<(string Path, XElement WebServer)>();
        foreach (var scope in configuration.Elements())
        {
            switch (scope.Name.LocalName)
            {
                case "system.webServer":
                    scopes.Add(("/", scope));
                    break;
                case "location":
                    var path = ((string?)scope.Attribute("path") ?? "").Trim().Replace('\\', '/').Trim('/');
                    foreach (var child in scope.Elements())
                    {
                        if (child.Name.LocalName == "system.webServer")
                        {
                            scopes.Add((path is "" or "." ? "/" : "/" + path, child));
                        }
                        else
                        {
                            WarnIgnoredTopLevel(child, file, diagnostics);
                        }
                    }

                    break;
                default:
                    WarnIgnoredTopLevel(scope, file, diagnostics);
                    break;
            }
        }

        var map = new ConfigSourceMap();
        var binder = new ConfigBinder(diagnostics, map, lenientScalars: true);
        var locations = new Dictionary<string, WebConfigLocation>(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<(string Path, string Section), XElement>();
        foreach (var (path, webServer) in scopes)
        {
            var location = locations.GetValueOrDefault(path) ?? new WebConfigLocation(path, null, null, null);
            foreach (var section in webServer.Elements())
            {
                var name = section.Name.LocalName;
                var key = "system.webServer/" + name;
                if (name is "aspNetCore" or "security" or "handlers" or "modules" or "validation")
                {
                    // Read elsewhere, or collections of their own.
                }
                else if (!seen.TryAdd((path, name), section))
                {
                    diagnostics.Error(SourceLocation.Of(file, section), key, $"there is a duplicate '{key}' section defined for this path (first at line {SourceLocation.Of(file, seen[(path, name)]).Line})");
                    continue;
                }

                switch (name)
                {
                    case "aspNetCore" or "validation":
                        // aspNetCore is read for the app root; validation only tells IIS not to check integrated mode.
                        break;
                    case "security":
                        location = ReadSecurity(section, location, file, binder, map, diagnostics);
                        break;
                    case "handlers" or "modules":
                        WebServerSectionReader.CheckHandlersOrModules(section, file, diagnostics);
                        break;
                    case "httpProtocol":
                        location = location with { HttpProtocol = WebServerSectionReader.ReadHttpProtocol(section, file, diagnostics) };
                        break;
                    case "httpErrors":
                        location = location with { HttpErrors = WebServerSectionReader.ReadHttpErrors(section, file, diagnostics) };
                        break;
                    case "httpRedirect":
                        location = location with { HttpRedirect = WebServerSectionReader.ReadHttpRedirect(section, file, diagnostics) };
                        break;
                    case "staticContent":
                        location = location with { StaticContent = WebServerSectionReader.ReadStaticContent(section, file, diagnostics) };
                        break;
                    case "defaultDocument":
                        location = location with { DefaultDocument = WebServerSectionReader.ReadDefaultDocument(section, file, diagnostics) };
                        break;
                    case "directoryBrowse":
                        location = location with { DirectoryBrowse = WebServerSectionReader.ReadDirectoryBrowse(section, file, diagnostics) };
                        break;
                    case "urlCompression":
                        location = location with { UrlCompression = WebServerSectionReader.ReadUrlCompression(section, file, diagnostics) };
                        break;
                    case "httpCompression":
                        location = location with { HttpCompression = WebServerSectionReader.ReadHttpCompression(section, file, diagnostics) };
                        break;
                    case "rewrite":
                        location = location with { Rewrite = WebServerSectionReader.ReadRewrite(section, file, diagnostics) };
                        break;
                    default:
                        WebServerSectionReader.Unsupported(section, file, "system.webServer", diagnostics);
                        break;
                }
            }

            locations[path] = location;
        }

        return [.. locations.Values.OrderBy(l => l.Path.Length)];
    }

    /// <summary>The <c>security</c> element of one scope: requestFiltering, ipSecurity and dynamicIpSecurity onto the same records as eyrie.json.</summary>
    private static WebConfigLocation ReadSecurity(XElement security, WebConfigLocation location, string file, ConfigBinder binder, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        foreach (var child in security.Elements().Where(c => c.Name.LocalName is not ("requestFiltering" or "ipSecurity" or "dynamicIpSecurity")))
        {
            WebServerSectionReader.Unsupported(child, file, "system.webServer/security", diagnostics);
        }

        location = location with
        {
            RequestFiltering = Bind<RequestFilteringConfig>("requestFiltering", location.RequestFiltering) ?? location.RequestFiltering,
            IpSecurity = Bind<IpSecurityConfig>("ipSecurity", location.IpSecurity) ?? location.IpSecurity,
            DynamicIpSecurity = Bind<DynamicIpSecurityConfig>("dynamicIpSecurity", location.DynamicIpSecurity) ?? location.DynamicIpSecurity,
        };
        IpSecurityRules.Validate(location.IpSecurity, "system.webServer/security/ipSecurity", map, diagnostics);
        RequestFilteringRules.Validate(location.RequestFiltering, "system.webServer/security/requestFiltering", map, diagnostics);
        return location;

        T? Bind<T>(string name, T? existing)
            where T : class
        {
            var element = security.Element(name);
            if (element is null)
            {
                return null;
            }

            var key = $"system.webServer/security/{name}";
            if (existing is not null)
            {
                diagnostics.Error(SourceLocation.Of(file, element), key, $"there is a duplicate '{key}' section defined for this path");
                return null;
            }

            return binder.BindRoot<T>(XmlConfigTree.FromElement(element, file, diagnostics), key);
        }
    }

    /// <summary>Top-level sections other than system.webServer configure classic ASP.NET or .NET Framework, not IIS's handling of an ASP.NET Core app.</summary>
    private static void WarnIgnoredTopLevel(XElement element, string file, DiagnosticBag diagnostics)
    {
        var name = element.Name.LocalName;
        diagnostics.Warning(SourceLocation.Of(file, element), name, name is "system.web" or "appSettings" or "connectionStrings" or "system.serviceModel" or "runtime" or "startup" or "configSections"
            ? $"ignored: <{name}> configures classic ASP.NET or the .NET Framework; IIS does not apply it to an ASP.NET Core app either"
            : $"ignored: <{name}> is not supported by Eyrie");
    }
}
