using System.Xml.Linq;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Reports the attributes of applications and virtual directories (and their defaults at server and site level)
/// that Eyrie carries as behaviour or not at all, and the site children it does not import, each with why.
/// </summary>
internal sealed class IisAttributeReporter(ImportReport report)
{
    private readonly ImportReport _report = report;

    internal void ReportApplicationDefaults(XElement? defaults, string path, string suffix)
    {
        if (defaults is null)
        {
            return;
        }

        _report.Handle(defaults);
        foreach (var attribute in defaults.Attributes())
        {
            var name = attribute.Name.LocalName;
            var (action, message) = name switch
            {
                "applicationPool" => (ImportAction.Mapped, $"applications that name no pool use pool {attribute.Value}"),
                "preloadEnabled" or "enabledProtocols" or "serviceAutoStartEnabled" or "serviceAutoStartProvider" =>
                    (ApplicationAttributeAction(attribute), ApplicationAttributeMessage(name, attribute, false)),
                _ => (ImportAction.Skipped, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)"),
            };
            _report.Add(attribute, action, $"{path}/@{name}", message + suffix);
        }
    }

    internal static ImportAction ApplicationAttributeAction(XAttribute attribute) => attribute.Name.LocalName switch
    {
        "enabledProtocols" => attribute.Value.Split(',').Select(p => p.Trim()).All(p => p is "" or "http" or "https") ? ImportAction.Mapped : ImportAction.Skipped,
        "preloadEnabled" => ImportAction.Mapped,
        _ => ImportAction.Skipped,
    };

    internal static string ApplicationAttributeMessage(string name, XAttribute attribute, bool poolAlwaysRunning)
    {
        var enabled = IisValues.TryBoolean(attribute.Value, out var value) && value;
        return name switch
        {
            "preloadEnabled" when !enabled => "false: the app starts with its first request",
            "preloadEnabled" when poolAlwaysRunning => "true with an AlwaysRunning pool: startMode alwaysRunning",
            "preloadEnabled" => "true, but it only acts with a pool whose startMode is AlwaysRunning",
            "enabledProtocols" => ApplicationAttributeAction(attribute) == ImportAction.Mapped
                ? $"{attribute.Value}: the site's http and https bindings serve the application"
                : $"{attribute.Value}: Eyrie serves http and https only",
            _ => "IIS's warm-up provider for .NET Framework apps; for an ASP.NET Core app use the pool's startMode AlwaysRunning with preloadEnabled",
        };
    }

    internal void ReportDirectoryAttributes(XElement? directory, string path, string suffix)
    {
        if (directory is null)
        {
            return;
        }

        _report.Handle(directory);
        foreach (var attribute in directory.Attributes())
        {
            var name = attribute.Name.LocalName;
            switch (name)
            {
                case "path":
                    continue;
                case "physicalPath" when suffix.Length == 0:
                    // Reported with the application or directory it gives the folder of.
                    continue;
                case "userName" or "logonMethod":
                    _report.Skipped(attribute, $"{path}/@{name}", "Eyrie reads the folder as its own user; give that user access (mount a share on Linux)" + suffix);
                    break;
                case "password":
                    _report.Skipped(attribute, $"{path}/@{name}", "Eyrie reads the folder as its own user; the password is not copied" + suffix);
                    break;
                case "allowSubDirConfig":
                    _report.Skipped(attribute, $"{path}/@{name}", "Eyrie reads web.config at application roots only" + suffix);
                    break;
                default:
                    _report.Skipped(attribute, $"{path}/@{name}", $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)" + suffix);
                    break;
            }
        }
    }

    internal void SkipSiteChild(XElement child, string path)
    {
        var reason = child.Name.LocalName switch
        {
            "traceFailedRequestsLogging" => "IIS's Failed Request Tracing: Eyrie logs failures with IIS's sub-status",
            "ftpServer" => "FTP is not served by Eyrie",
            _ => null,
        };
        if (reason is not null)
        {
            _report.HandleTree(child);
            _report.Skipped(child, path, reason);
        }
    }
}
