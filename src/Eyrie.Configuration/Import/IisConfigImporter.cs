using System.Xml;
using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Configuration.Paths;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Turns an IIS server's applicationHost.config into an <see cref="EyrieConfig"/>: sites, bindings, applications,
/// virtual directories, application pools and the security sections of <c>&lt;location&gt;</c> elements. Every
/// element and attribute is reported (Mapped, Changed or Skipped) with its line; anything the importer does not
/// know is reported as skipped rather than dropped silently.
/// </summary>
public sealed class IisConfigImporter
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private readonly ImportReport _report = new();
    private readonly PathMap _paths;
    private readonly string _fileName;
    private readonly IisBindingImporter _bindings;
    private readonly Dictionary<string, (SiteConfig Site, XElement Element)> _claimedBindings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, (BindingProtocol Protocol, string Site)> _portProtocols = [];
    private readonly IisSiteSettingsImporter _siteSettings;
    private readonly IisServerSectionReporter _serverSections;
    private readonly IisLogFileImporter _logFiles;
    private readonly IisAttributeReporter _attributes;
    private LogFileConfig? _defaultLogFile;
    private IisPoolImporter _pools = null!;

    private IisConfigImporter(string fileName, IisImportOptions options)
    {
        _fileName = fileName;
        _paths = new PathMap(options.PathMaps);
        _bindings = new IisBindingImporter(_report);
        _siteSettings = new IisSiteSettingsImporter(_report);
        _serverSections = new IisServerSectionReporter(_report);
        _logFiles = new IisLogFileImporter(_report, _paths);
        _attributes = new IisAttributeReporter(_report);
    }

    /// <summary>Reads applicationHost.config with line information; DTDs are refused, as for web.config.</summary>
    public static XDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        try
        {
            using var stream = File.OpenRead(fullPath);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IisImportException(SourceLocation.InFile(path), "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IisImportException(SourceLocation.InFile(path), "cannot read the file: " + ex.Message, ex);
        }
        catch (XmlException ex)
        {
            var message = ex.Message;
            var position = message.IndexOf(" Line ", StringComparison.Ordinal);
            throw new IisImportException(new SourceLocation(path, ex.LineNumber, ex.LinePosition), "malformed XML: " + (position > 0 ? message[..position] : message), ex);
        }
    }

    /// <summary>Loads and imports <paramref name="path"/>; the report names the file as given.</summary>
    public static IisImportResult ImportFile(string path, IisImportOptions options) => Import(Load(path), path, options);

    public static IisImportResult Import(XDocument document, string fileName, IisImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new IisConfigImporter(fileName, options).Run(document, options.Schema);
    }

    private IisImportResult Run(XDocument document, string? schema)
    {
        var root = document.Root;
        if (root is null || root.Name.LocalName != "configuration")
        {
            throw new IisImportException(new SourceLocation(_fileName, root is null ? 0 : ImportReport.Line(root), 0),
                "the root element must be <configuration> (is this IIS's applicationHost.config?)");
        }

        _report.Handle(root);
        var applicationHost = root.Element("system.applicationHost");
        if (applicationHost is not null)
        {
            _report.Handle(applicationHost);
        }

        _pools = new IisPoolImporter(_report, applicationHost?.Element("applicationPools"));
        var sites = applicationHost?.Element("sites") is { } sitesElement ? ImportSites(sitesElement) : [];
        _pools.Report();

        var locations = new IisLocationImporter(_report, _fileName);
        foreach (var location in root.Elements("location"))
        {
            if (IisLocationImporter.IsServerWide(location))
            {
                _report.Handle(location);
                foreach (var attribute in location.Attributes())
                {
                    _report.Handle(attribute);
                }

                _serverSections.ReportServerWide(location, $"location[{(string?)location.Attribute("path")}]");
            }
            else
            {
                locations.Import(location, sites);
            }
        }

        var webLimits = applicationHost?.Element("webLimits") is { } limits ? _siteSettings.ImportWebLimits(limits) : null;
        _serverSections.ReportOtherSections(root, applicationHost);
        _serverSections.ReportUnhandled(root);
        var siteDefaults = _defaultLogFile is null ? null : new SiteDefaultsConfig { LogFile = _defaultLogFile };
        var config = new EyrieConfig { Schema = schema, Sites = ConfigList.From(sites), SiteDefaults = siteDefaults, WebLimits = webLimits };
        return new IisImportResult(config, _report.Entries());
    }

    private List<SiteConfig> ImportSites(XElement sitesElement)
    {
        _report.Handle(sitesElement);
        var siteDefaults = sitesElement.Element("siteDefaults");
        var applicationDefaults = sitesElement.Element("applicationDefaults");
        var directoryDefaults = sitesElement.Element("virtualDirectoryDefaults");
        if (siteDefaults is not null)
        {
            ReportSiteDefaults(siteDefaults);
        }

        _attributes.ReportApplicationDefaults(applicationDefaults, "sites/applicationDefaults", " (default of every application)");
        _attributes.ReportDirectoryAttributes(directoryDefaults, "sites/virtualDirectoryDefaults", " (default of every virtual directory)");

        var sites = new List<SiteConfig>();
        foreach (var site in sitesElement.Elements("site"))
        {
            if (ImportSite(site, siteDefaults, applicationDefaults, directoryDefaults, sites) is { } imported)
            {
                sites.Add(imported);
            }
        }

        return sites;
    }

    private SiteConfig? ImportSite(XElement site, XElement? siteDefaults, XElement? serverApplicationDefaults, XElement? serverDirectoryDefaults, List<SiteConfig> imported)
    {
        var name = ((string?)site.Attribute("name"))?.Trim() ?? "";
        var path = $"sites/site[{name}]";
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            _report.HandleTree(site);
            _report.Skipped(site, path, name.Length == 0 ? "a site without a name" : "a site name must not contain '/' or control characters in Eyrie; rename it");
            return null;
        }

        if (imported.Any(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            _report.HandleTree(site);
            _report.Skipped(site, path, "another site has this name (site names are case-insensitive)");
            return null;
        }

        _report.Handle(site.Attribute("name")!);
        var id = site.Attribute("id");
        if (id is not null)
        {
            _report.Handle(id);
        }

        _report.Mapped(site, path, $"sites[] {name}{(id is null ? "" : $" (IIS's id {id.Value} is not needed)")}");
        if (site.Attribute("serverAutoStart") is { } autoStart)
        {
            if (IisValues.TryBoolean(autoStart.Value, out var starts) && !starts)
            {
                _report.Changed(autoStart, path + "/@serverAutoStart", "false: Eyrie serves every site of eyrie.json; remove the site to keep it stopped");
            }
            else
            {
                _report.Mapped(autoStart, path + "/@serverAutoStart", "true, as Eyrie does");
            }
        }

        var siteApplicationDefaults = site.Element("applicationDefaults");
        var siteDirectoryDefaults = site.Element("virtualDirectoryDefaults");
        _attributes.ReportApplicationDefaults(siteApplicationDefaults, path + "/applicationDefaults", " (default of the site's applications)");
        _attributes.ReportDirectoryAttributes(siteDirectoryDefaults, path + "/virtualDirectoryDefaults", " (default of the site's virtual directories)");

        var siteConfig = new SiteConfig { Name = name };
        var bindings = _bindings.Import(site.Element("bindings"), name, path, Conflict);
        foreach (var (binding, element) in bindings)
        {
            _claimedBindings[BindingKey(binding)] = (siteConfig, element);
            _portProtocols.TryAdd(binding.Port, (binding.Protocol, name));
        }

        var applications = new List<ApplicationConfig>();
        var directories = new List<VirtualDirectoryConfig>();
        var usedPaths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var application in site.Elements("application"))
        {
            ImportApplication(application, name, path, [application, siteApplicationDefaults, serverApplicationDefaults],
                [siteDirectoryDefaults, serverDirectoryDefaults], applications, directories, usedPaths);
        }

        var hasHttps = bindings.Any(b => b.Binding.Protocol == BindingProtocol.Https);
        return siteConfig with
        {
            Bindings = ConfigList.From(bindings.Select(b => b.Binding)),
            Applications = ConfigList.From(applications),
            VirtualDirectories = ConfigList.From(directories),
            Limits = _siteSettings.ImportLimits(site.Element("limits"), siteDefaults?.Element("limits"), path),
            Hsts = _siteSettings.ImportHsts(site, site.Element("hsts"), siteDefaults?.Element("hsts"), path, hasHttps),
            LogFile = _logFiles.Import(site.Element("logFile"), path + "/logFile", ""),
        };
    }

    private string? Conflict(BindingConfig binding)
    {
        if (_claimedBindings.TryGetValue(BindingKey(binding), out var first))
        {
            return $"{BindingKey(binding)} is already claimed by site '{first.Site.Name}' (line {ImportReport.Line(first.Element)}); IIS runs only one of them at a time";
        }

        if (_portProtocols.TryGetValue(binding.Port, out var other) && other.Protocol != binding.Protocol)
        {
            return $"port {binding.Port} is {other.Protocol.ToString().ToLowerInvariant()} in site '{other.Site}'; one port cannot carry both http and https";
        }

        return null;
    }

    private static string BindingKey(BindingConfig binding)
    {
        var address = BindingAddress.Canonical(binding.Address);
        return $"{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}:{binding.Port}:{binding.Host}";
    }

    private void ImportApplication(XElement application, string siteName, string sitePath, XElement?[] applicationLevels, XElement?[] directoryLevels,
        List<ApplicationConfig> applications, List<VirtualDirectoryConfig> directories, Dictionary<string, int> usedPaths)
    {
        var rawPath = (string?)application.Attribute("path") ?? "";
        var path = $"{sitePath}/application[{rawPath}]";
        if (!VirtualPath.TryNormalize(rawPath, out var applicationPath, out var pathError))
        {
            _report.HandleTree(application);
            _report.Skipped(application, path, $"path '{rawPath}' {pathError}");
            return;
        }

        var rootDirectory = application.Elements("virtualDirectory").FirstOrDefault(v => ((string?)v.Attribute("path"))?.Trim() == "/");
        var physical = rootDirectory is null ? null : Effective("physicalPath", [rootDirectory, .. directoryLevels]);
        if (physical is null || physical.Value.Trim().Length == 0)
        {
            _report.HandleTree(application);
            _report.Skipped(application, path, "no <virtualDirectory path=\"/\"> with a physicalPath gives the application's folder");
            return;
        }

        if (usedPaths.TryGetValue(applicationPath, out var firstLine))
        {
            _report.HandleTree(application);
            _report.Skipped(application, path, $"path {applicationPath} is already used (line {firstLine}); paths are case-insensitive");
            return;
        }

        usedPaths[applicationPath] = ImportReport.Line(application);
        _report.Handle(application.Attribute("path")!);
        var reference = siteName + applicationPath;
        var mapped = _paths.Map(physical.Value);
        _report.Add(physical, mapped.Action, $"{path}/virtualDirectory[/]/@physicalPath", $"physicalPath of application {applicationPath}: {mapped.Message}");

        var notes = new List<string>();
        var poolAttribute = Effective("applicationPool", applicationLevels);
        var pool = poolAttribute is null ? null : _pools.Resolve(poolAttribute.Value.Trim(), reference);
        if (poolAttribute is not null && application.Attribute("applicationPool") == poolAttribute)
        {
            _report.Handle(poolAttribute);
        }

        if (poolAttribute is not null && pool is null)
        {
            _report.Add(poolAttribute, ImportAction.Skipped, $"{path}/@applicationPool", $"no pool named '{poolAttribute.Value}' in applicationPools: Eyrie's defaults apply");
        }
        else if (pool is not null)
        {
            notes.Add($"applicationPool from pool {pool.Name}");
        }

        var poolConfig = pool?.Config;
        var preloadAttribute = Effective("preloadEnabled", applicationLevels);
        var preload = preloadAttribute is not null && IisValues.TryBoolean(preloadAttribute.Value, out var p) && p;
        if (pool is { AlwaysRunning: true })
        {
            if (preload)
            {
                poolConfig = (poolConfig ?? new ApplicationPoolConfig()) with { StartMode = StartMode.AlwaysRunning };
                notes.Add("startMode alwaysRunning (pool AlwaysRunning with preloadEnabled)");
                if (poolConfig.ProcessModel?.IdleTimeout is { } idle && idle > TimeSpan.Zero)
                {
                    poolConfig = poolConfig with { ProcessModel = null };
                    notes.Add("processModel.idleTimeout left out: alwaysRunning keeps the workers up");
                }
            }
            else
            {
                notes.Add("pool AlwaysRunning without preloadEnabled: IIS started w3wp, not the app, so it starts with its first request, as Eyrie's default does");
            }
        }

        AspNetCoreConfig? aspNetCore = null;
        if (pool?.ProcessesPerApplication is { } processes)
        {
            aspNetCore = new AspNetCoreConfig { ProcessesPerApplication = processes };
            notes.Add($"aspNetCore.processesPerApplication {processes} (web garden of pool {pool.Name})");
        }

        if (pool?.EnvironmentVariables is { } variables)
        {
            aspNetCore = (aspNetCore ?? new AspNetCoreConfig()) with { EnvironmentVariables = variables };
            notes.Add($"aspNetCore.environmentVariables from pool {pool.Name}");
        }

        if (pool?.ClassicRuntime is { } runtime)
        {
            notes.Add($"pool {pool.Name} runs .NET Framework {runtime}: if this folder holds no ASP.NET Core app (a web.config with <aspNetCore>), serve it as a virtualDirectory instead");
        }

        var changed = aspNetCore?.ProcessesPerApplication is not null || pool?.ClassicRuntime is not null;
        _report.Add(application, changed ? ImportAction.Changed : ImportAction.Mapped, path,
            $"applications[] {applicationPath}{(notes.Count == 0 ? "" : "; " + string.Join("; ", notes))}");
        if (application.Attribute("preloadEnabled") is { } ownPreload)
        {
            _report.Add(ownPreload, pool is { AlwaysRunning: true } || !preload ? ImportAction.Mapped : ImportAction.Skipped, $"{path}/@preloadEnabled",
                IisAttributeReporter.ApplicationAttributeMessage("preloadEnabled", ownPreload, pool is { AlwaysRunning: true }));
        }

        foreach (var attribute in application.Attributes().Where(a => a.Name.LocalName is "enabledProtocols" or "serviceAutoStartEnabled" or "serviceAutoStartProvider"))
        {
            _report.Add(attribute, IisAttributeReporter.ApplicationAttributeAction(attribute), $"{path}/@{attribute.Name.LocalName}", IisAttributeReporter.ApplicationAttributeMessage(attribute.Name.LocalName, attribute, false));
        }

        applications.Add(new ApplicationConfig
        {
            Path = applicationPath,
            PhysicalPath = mapped.Value,
            AspNetCore = aspNetCore,
            ApplicationPool = poolConfig,
        });

        foreach (var directory in application.Elements("virtualDirectory"))
        {
            ImportDirectory(directory, directory == rootDirectory, applicationPath, path, directoryLevels, directories, usedPaths);
        }
    }

    private void ImportDirectory(XElement directory, bool isRoot, string applicationPath, string applicationReportPath, XElement?[] directoryLevels,
        List<VirtualDirectoryConfig> directories, Dictionary<string, int> usedPaths)
    {
        var rawPath = ((string?)directory.Attribute("path"))?.Trim() ?? "";
        var path = $"{applicationReportPath}/virtualDirectory[{rawPath}]";
        _report.Handle(directory);
        if (directory.Attribute("path") is { } pathAttribute)
        {
            _report.Handle(pathAttribute);
        }

        _attributes.ReportDirectoryAttributes(directory, path, "");
        if (isRoot)
        {
            return;
        }

        var combined = applicationPath.TrimEnd('/') + "/" + rawPath.Trim('/');
        var physical = Effective("physicalPath", [directory, .. directoryLevels]);
        if (!VirtualPath.TryNormalize(combined, out var virtualPath, out var error) || physical is null)
        {
            _report.Skipped(directory, path, physical is null ? "no physicalPath" : $"path '{combined}' {error}");
            return;
        }

        if (usedPaths.TryGetValue(virtualPath, out var firstLine))
        {
            _report.Skipped(directory, path, $"path {virtualPath} is already used (line {firstLine}); paths are case-insensitive");
            return;
        }

        usedPaths[virtualPath] = ImportReport.Line(directory);
        var mapped = _paths.Map(physical.Value);
        _report.Handle(physical);
        _report.Add(directory, mapped.Action, path, $"virtualDirectories[] {virtualPath} (static files): {mapped.Message}");
        directories.Add(new VirtualDirectoryConfig { Path = virtualPath, PhysicalPath = mapped.Value });
    }

    /// <summary>The first level (element, then its defaults) that sets <paramref name="name"/>, as IIS inherits attributes.</summary>
    private static XAttribute? Effective(string name, XElement?[] levels) =>
        levels.Select(l => l?.Attribute(name)).FirstOrDefault(a => a is not null);

    private void ReportSiteDefaults(XElement siteDefaults)
    {
        const string Path = "sites/siteDefaults";
        const string Suffix = " (default of every site)";
        _report.Handle(siteDefaults);
        foreach (var child in siteDefaults.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "limits":
                    _siteSettings.ReportLimitAttributes(child, Path + "/limits", Suffix);
                    break;
                case "hsts":
                    _siteSettings.ReportHstsAttributes(child, Path + "/hsts", Suffix);
                    break;
                case "logFile":
                    _defaultLogFile = _logFiles.Import(child, Path + "/logFile", Suffix);
                    break;
                default:
                    _attributes.SkipSiteChild(child, $"{Path}/{child.Name.LocalName}");
                    break;
            }
        }

        foreach (var attribute in siteDefaults.Attributes())
        {
            if (attribute.Name.LocalName == "serverAutoStart")
            {
                _report.Mapped(attribute, $"{Path}/@serverAutoStart", "Eyrie serves every site of eyrie.json" + Suffix);
            }
        }
    }
}
