using System.Xml.Linq;

namespace Eyrie.Configuration.Import;

/// <summary>Reports what applicationHost.config holds beyond sites and pools: server-wide sections, other top-level sections, and anything left unhandled.</summary>
internal sealed class IisServerSectionReporter(ImportReport report)
{
    private readonly ImportReport _report = report;

    /// <summary>Server-wide settings in <c>&lt;location path=""&gt;</c>: one line per section.</summary>
    internal void ReportServerWide(XElement location, string locationPath)
    {
        foreach (var child in location.Elements())
        {
            var childPath = $"{locationPath}/{child.Name.LocalName}";
            if (child.Name.LocalName == "system.webServer")
            {
                ReportServerWebServer(child, childPath);
            }
            else
            {
                _report.HandleTree(child);
                _report.Skipped(child, childPath, OtherTopLevelReason(child.Name.LocalName));
            }
        }
    }

    /// <summary>Server-wide <c>system.webServer</c> (outside any location, or in <c>&lt;location path=""&gt;</c>): one line per section.</summary>
    private void ReportServerWebServer(XElement webServer, string path)
    {
        _report.Handle(webServer);
        foreach (var section in webServer.Elements())
        {
            var sectionPath = $"{path}/{section.Name.LocalName}";
            if (section.Name.LocalName == "security")
            {
                _report.Handle(section);
                foreach (var security in section.Elements())
                {
                    _report.HandleTree(security);
                    _report.Skipped(security, $"{sectionPath}/{security.Name.LocalName}",
                        security.Name.LocalName is "requestFiltering" or "ipSecurity" or "dynamicIpSecurity"
                            ? $"Eyrie applies IIS's defaults; server-wide overrides are not imported: put them on each site (sites[].{security.Name.LocalName})"
                            : "a server-wide IIS setting; not imported");
                }

                continue;
            }

            _report.HandleTree(section);
            _report.Skipped(section, sectionPath, ServerSectionReason(section.Name.LocalName));
        }
    }

    private static string ServerSectionReason(string name) => name switch
    {
        "globalModules" or "modules" or "handlers" or "isapiFilters" =>
            "IIS's module and handler registrations: Eyrie's pipeline is fixed (the app's web.config maps AspNetCoreModuleV2, which Eyrie honours)",
        "aspNetCore" => "server-wide <aspNetCore> defaults: set them in each app's web.config or its aspNetCore in eyrie.json",
        "rewrite" => "URL Rewrite's server rules: not imported; an app rewrites itself (Microsoft.AspNetCore.Rewrite reads IIS rules)",
        _ => "a server-wide IIS setting; Eyrie applies IIS's defaults (an app's own settings belong in its web.config)",
    };

    private static string OtherTopLevelReason(string name) => name switch
    {
        "configSections" => "IIS's schema declarations: nothing to import",
        "system.ftpServer" => "FTP is not served by Eyrie",
        "system.web" => "classic ASP.NET (.NET Framework) settings; ASP.NET Core apps do not read them",
        _ => "not an IIS web server section Eyrie knows; not imported",
    };

    internal void ReportOtherSections(XElement root, XElement? applicationHost)
    {
        foreach (var child in root.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "system.applicationHost" or "location":
                    break;
                case "system.webServer":
                    ReportServerWebServer(child, "system.webServer");
                    break;
                default:
                    _report.HandleTree(child);
                    _report.Skipped(child, child.Name.LocalName, OtherTopLevelReason(child.Name.LocalName));
                    break;
            }
        }

        foreach (var child in applicationHost?.Elements() ?? [])
        {
            var name = child.Name.LocalName;
            if (name is "sites" or "applicationPools" or "webLimits")
            {
                continue;
            }

            _report.HandleTree(child);
            _report.Skipped(child, "system.applicationHost/" + name, name switch
            {
                "log" => "IIS's central W3C logging: Eyrie logs requests through its own logging",
                "listenerAdapters" => "WAS listener adapters (net.tcp, net.pipe, msmq): Eyrie serves http and https only",
                "configHistory" => "IIS's configuration history: nothing to import",
                "customMetadata" => "IIS's metabase compatibility data: nothing to import",
                "serviceAutoStartProviders" => "IIS's warm-up providers for .NET Framework apps; use startMode AlwaysRunning with preloadEnabled",
                "weblimits" => "not an IIS section (names are case-sensitive: webLimits)",
                _ => "a server-wide IIS setting with no Eyrie equivalent; not imported",
            });
        }
    }

    /// <summary>Reports whatever no rule above accounted for, so nothing is left out of the report unnoticed.</summary>
    internal void ReportUnhandled(XElement element)
    {
        var handledBelow = element.Descendants().Any(_report.IsHandled) || element.Attributes().Any(_report.IsHandled);
        if (!_report.IsHandled(element) && !handledBelow)
        {
            _report.HandleTree(element);
            _report.Skipped(element, ElementPath(element), "not imported (no Eyrie equivalent)");
            return;
        }

        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && !_report.IsHandled(a)))
        {
            _report.Skipped(attribute, $"{ElementPath(element)}/@{attribute.Name.LocalName}", $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)");
        }

        foreach (var child in element.Elements())
        {
            ReportUnhandled(child);
        }
    }

    /// <summary>The element's path from below system.applicationHost, with the name of each site, pool, application or directory.</summary>
    private static string ElementPath(XElement element) =>
        string.Join('/', element.AncestorsAndSelf().Reverse()
            .Where(e => e.Name.LocalName is not "configuration" and not "system.applicationHost")
            .Select(e => e.Name.LocalName switch
            {
                "site" or "add" when e.Attribute("name") is { } n => $"{e.Name.LocalName}[{n.Value}]",
                "application" or "virtualDirectory" or "location" when e.Attribute("path") is { } p => $"{e.Name.LocalName}[{p.Value}]",
                _ => e.Name.LocalName,
            }));
}
