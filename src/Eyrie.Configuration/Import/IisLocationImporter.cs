using System.Xml.Linq;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Maps <c>&lt;location path="Site"&gt;</c> and <c>&lt;location path="Site/app"&gt;</c>: the security sections
/// (requestFiltering, ipSecurity, dynamicIpSecurity) go to the site or application in eyrie.json, bound by the
/// same binder as web.config's so that they mean the same; everything else is reported with where it belongs.
/// </summary>
internal sealed class IisLocationImporter(ImportReport report, string fileName)
{
    private static readonly string[] SecuritySections = ["requestFiltering", "ipSecurity", "dynamicIpSecurity"];

    private readonly ImportReport _report = report;
    private readonly string _fileName = fileName;

    /// <summary>True for <c>&lt;location path=""&gt;</c> (or ".") , which applies to the whole server.</summary>
    public static bool IsServerWide(XElement location) => ((string?)location.Attribute("path") ?? "").Trim() is "" or ".";

    public void Import(XElement location, List<SiteConfig> sites)
    {
        var locationPath = ((string?)location.Attribute("path") ?? "").Trim().Replace('\\', '/').Trim('/');
        var path = $"location[{locationPath}]";
        _report.Handle(location);
        foreach (var attribute in location.Attributes())
        {
            _report.Handle(attribute);
        }

        var slash = locationPath.IndexOf('/', StringComparison.Ordinal);
        var siteName = slash < 0 ? locationPath : locationPath[..slash];
        var subPath = slash < 0 ? "/" : "/" + locationPath[(slash + 1)..];
        var siteIndex = sites.FindIndex(s => s.Name.Equals(siteName, StringComparison.OrdinalIgnoreCase));
        if (siteIndex < 0)
        {
            _report.HandleTree(location);
            _report.Skipped(location, path, $"no site named '{siteName}' was imported");
            return;
        }

        var site = sites[siteIndex];
        var applicationIndex = subPath == "/" ? -1 : FindApplication(site, subPath);
        if (subPath != "/" && applicationIndex < 0)
        {
            _report.HandleTree(location);
            var owner = site.Applications.Where(a => IsUnder(subPath, a.Path)).MaxBy(a => a.Path.Length);
            var relative = owner is null ? subPath.TrimStart('/') : subPath[owner.Path.TrimEnd('/').Length..].TrimStart('/');
            _report.Skipped(location, path, owner is null
                ? $"{subPath} is not an application of site '{site.Name}': Eyrie sets these sections per site or application"
                : $"{subPath} is a folder of application {owner.Path}, not an application: put these sections in that app's web.config, in <location path=\"{relative}\">, which Eyrie reads");
            return;
        }

        var target = applicationIndex < 0 ? $"sites[{site.Name}]" : $"sites[{site.Name}].applications[{site.Applications[applicationIndex].Path}]";
        foreach (var child in location.Elements())
        {
            var childPath = $"{path}/{child.Name.LocalName}";
            if (child.Name.LocalName != "system.webServer")
            {
                _report.HandleTree(child);
                _report.Skipped(child, childPath, child.Name.LocalName == "system.web"
                    ? "classic ASP.NET (.NET Framework) settings; ASP.NET Core apps do not read them"
                    : "not an IIS web server section; not imported");
                continue;
            }

            _report.Handle(child);
            foreach (var section in child.Elements())
            {
                var sectionPath = $"{childPath}/{section.Name.LocalName}";
                if (section.Name.LocalName != "security")
                {
                    _report.HandleTree(section);
                    _report.Skipped(section, sectionPath, OtherSectionReason(section.Name.LocalName));
                    continue;
                }

                _report.Handle(section);
                foreach (var securitySection in section.Elements())
                {
                    var name = securitySection.Name.LocalName;
                    var securityPath = $"{sectionPath}/{name}";
                    _report.HandleTree(securitySection);
                    if (!SecuritySections.Contains(name))
                    {
                        _report.Skipped(securitySection, securityPath, OtherSecurityReason(name));
                        continue;
                    }

                    site = sites[siteIndex];
                    var applied = Apply(site, applicationIndex, securitySection, securityPath, $"{target}.{name}");
                    if (applied is not null)
                    {
                        sites[siteIndex] = applied;
                    }
                }
            }
        }
    }

    private static int FindApplication(SiteConfig site, string path)
    {
        for (var i = 0; i < site.Applications.Count; i++)
        {
            if (site.Applications[i].Path.TrimEnd('/').Equals(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnder(string path, string applicationPath) =>
        applicationPath == "/" || path.StartsWith(applicationPath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Binds one section onto the site or application; null (and the reasons reported) if it cannot be imported.</summary>
    private SiteConfig? Apply(SiteConfig site, int applicationIndex, XElement section, string path, string target)
    {
        var diagnostics = new DiagnosticBag();
        var map = new ConfigSourceMap();
        var binder = new ConfigBinder(diagnostics, map, lenientScalars: true);
        var key = "system.webServer/security/" + section.Name.LocalName;
        var tree = XmlConfigTree.FromElement(section, _fileName, diagnostics);
        var application = applicationIndex < 0 ? null : site.Applications[applicationIndex];
        SiteConfig? result = null;
        var duplicate = false;
        switch (section.Name.LocalName)
        {
            case "requestFiltering":
                var filtering = binder.BindRoot<RequestFilteringConfig>(tree, key);
                RequestFilteringRules.Validate(filtering, key, map, diagnostics);
                duplicate = (application is null ? site.RequestFiltering : application.RequestFiltering) is not null;
                result = application is null
                    ? site with { RequestFiltering = filtering }
                    : WithApplication(site, applicationIndex, application with { RequestFiltering = filtering });
                break;
            case "ipSecurity":
                var ipSecurity = binder.BindRoot<IpSecurityConfig>(tree, key);
                IpSecurityRules.Validate(ipSecurity, key, map, diagnostics);
                duplicate = (application is null ? site.IpSecurity : application.IpSecurity) is not null;
                result = application is null
                    ? site with { IpSecurity = ipSecurity }
                    : WithApplication(site, applicationIndex, application with { IpSecurity = ipSecurity });
                break;
            case "dynamicIpSecurity":
                var dynamic = binder.BindRoot<DynamicIpSecurityConfig>(tree, key);
                duplicate = (application is null ? site.DynamicIpSecurity : application.DynamicIpSecurity) is not null;
                result = application is null
                    ? site with { DynamicIpSecurity = dynamic }
                    : WithApplication(site, applicationIndex, application with { DynamicIpSecurity = dynamic });
                break;
        }

        if (duplicate)
        {
            _report.Skipped(section, path, $"{target} was already set by an earlier <location> for the same path");
            return null;
        }

        if (diagnostics.HasErrors)
        {
            _report.Skipped(section, path, $"not imported, as Eyrie would reject it (the errors follow); fix them and set {target}");
        }
        else
        {
            _report.Mapped(section, path, target);
        }

        foreach (var diagnostic in diagnostics.Items)
        {
            _report.AddAt(diagnostic.Location.Line, diagnostic.Severity == DiagnosticSeverity.Error ? ImportAction.Skipped : ImportAction.Changed,
                path, $"{diagnostic.Key}: {diagnostic.Message}");
        }

        return diagnostics.HasErrors ? null : result;
    }

    private static SiteConfig WithApplication(SiteConfig site, int index, ApplicationConfig application)
    {
        var applications = site.Applications.ToArray();
        applications[index] = application;
        return site with { Applications = new ConfigList<ApplicationConfig>(applications) };
    }

    private static string OtherSecurityReason(string name) => name switch
    {
        "authentication" => "Eyrie serves requests anonymously (no Windows, Basic or client-certificate authentication); the app can authenticate users itself",
        "authorization" => "IIS URL authorization: use the app's own authorization (ASP.NET Core policies)",
        "access" => "Require SSL (access/@sslFlags): use the site's hsts.redirectHttpToHttps in eyrie.json",
        "isapiCgiRestriction" => "ISAPI and CGI are not run by Eyrie",
        _ => "not an IIS security section Eyrie implements",
    };

    private static string OtherSectionReason(string name) => name switch
    {
        "aspNetCore" => "belongs in the app's web.config (dotnet publish writes it), which Eyrie reads; or set the application's aspNetCore in eyrie.json",
        "defaultDocument" or "staticContent" or "directoryBrowse" =>
            $"not imported for the app; eyrie.json has sites[].{name} for static folders (virtualDirectories), set it there if a static folder needs it",
        "rewrite" => "belongs in the app's web.config; Eyrie reads only <aspNetCore> and <security> there, so the app rewrites itself (Microsoft.AspNetCore.Rewrite reads IIS rules)",
        _ => "belongs in the app's web.config; Eyrie reads only <aspNetCore> and <security> there, so the app must do this itself",
    };
}
