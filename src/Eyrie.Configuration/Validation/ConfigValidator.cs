using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Certificates;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Farms;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.Paths;
using Eyrie.Configuration.WebConfig;

namespace Eyrie.Configuration.Validation;

/// <summary>
/// The rules a bound <see cref="EyrieConfig"/> must satisfy beyond its shape: unique names, valid
/// addresses and paths, no two sites on one binding, and every application's folder and web.config.
/// All findings are collected; nothing stops at the first.
/// </summary>
public sealed class ConfigValidator(ConfigSourceMap sourceMap, string baseDirectory, DiagnosticBag diagnostics, TimeProvider time)
{
    private readonly ConfigSourceMap _map = sourceMap;
    private readonly string _baseDirectory = baseDirectory;
    private readonly DiagnosticBag _diagnostics = diagnostics;
    private readonly TimeProvider _time = time;

    public void Validate(EyrieConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var siteNames = new Dictionary<string, SiteConfig>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Sites.Count; i++)
        {
            var site = config.Sites[i];
            var path = $"sites[{i}]";
            if (string.IsNullOrWhiteSpace(site.Name))
            {
                Error(site, path, nameof(SiteConfig.Name), "must not be empty");
            }
            else if (site.Name.Contains('/', StringComparison.Ordinal) || site.Name.Any(char.IsControl))
            {
                Error(site, path, nameof(SiteConfig.Name), "must not contain '/' or control characters (site/app names are written site/path)");
            }
            else if (!siteNames.TryAdd(site.Name, site))
            {
                Error(site, path, nameof(SiteConfig.Name), $"duplicate site name '{site.Name}' (first at line {_map.LocationOf(siteNames[site.Name]).Line})");
            }

            ValidateSite(site, path, config.WebFarms);
        }

        ValidateBindingsAcrossSites(config);
        ValidateLogFiles(config);
        WebFarmRules.Validate(config.WebFarms, _map, _diagnostics);
        if (config.Admin is { Socket: { } socket } admin && string.IsNullOrWhiteSpace(socket))
        {
            Error(admin, "admin", nameof(AdminConfig.Socket), "must not be empty; leave it out for the default");
        }

        if (config.Admin is { Listen: { } listen } adminHttp && !AdminListenAddress.TryParse(listen, out _, out var listenError))
        {
            Error(adminHttp, "admin", nameof(AdminConfig.Listen), listenError);
        }
    }

    private void ValidateSite(SiteConfig site, string sitePath, IReadOnlyList<WebFarmConfig> farms)
    {
        if (site.Bindings.Count == 0)
        {
            Warning(site, sitePath, nameof(SiteConfig.Bindings), $"site '{site.Name}' has no bindings, so nothing reaches it");
        }

        for (var i = 0; i < site.Bindings.Count; i++)
        {
            ValidateBinding(site.Bindings[i], $"{sitePath}.bindings[{i}]");
        }

        var paths = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < site.Applications.Count; i++)
        {
            var application = site.Applications[i];
            var applicationPath = $"{sitePath}.applications[{i}]";
            if (CheckPath(application, applicationPath, nameof(ApplicationConfig.Path), application.Path, paths) is { } path)
            {
                ValidateApplication(application, applicationPath, path, farms);
            }
        }

        for (var i = 0; i < site.VirtualDirectories.Count; i++)
        {
            var directory = site.VirtualDirectories[i];
            var directoryPath = $"{sitePath}.virtualDirectories[{i}]";
            CheckPath(directory, directoryPath, nameof(VirtualDirectoryConfig.Path), directory.Path, paths);
            CheckFolder(directory, directoryPath, nameof(VirtualDirectoryConfig.PhysicalPath), directory.PhysicalPath);
            ValidateStaticSettings(directoryPath, directory.StaticContent, directory.DefaultDocument);
        }

        ValidateStaticSettings(sitePath, site.StaticContent, site.DefaultDocument);
        ValidateHsts(site, sitePath);
        ValidateIpSecurity(site.IpSecurity, sitePath + ".ipSecurity");
        RequestFilteringRules.Validate(site.RequestFiltering, sitePath + ".requestFiltering", _map, _diagnostics);
        for (var i = 0; i < site.TrustedProxies.Count; i++)
        {
            if (!IpNetworkParser.TryParse(site.TrustedProxies[i], null, out _, out var error))
            {
                Error(site, sitePath, nameof(SiteConfig.TrustedProxies), $"trustedProxies[{i}]: {error}");
            }
        }

        for (var i = 0; i < site.Applications.Count; i++)
        {
            ValidateIpSecurity(site.Applications[i].IpSecurity, $"{sitePath}.applications[{i}].ipSecurity");
            RequestFilteringRules.Validate(site.Applications[i].RequestFiltering, $"{sitePath}.applications[{i}].requestFiltering", _map, _diagnostics);
        }
    }

    private void ValidateLogFiles(EyrieConfig config)
    {
        CheckLogFile(config.SiteDefaults?.LogFile, "siteDefaults.logFile");
        for (var i = 0; i < config.Sites.Count; i++)
        {
            var site = config.Sites[i];
            CheckLogFile(site.LogFile, $"sites[{i}].logFile");

            // The site's name becomes a folder under the log directory: it must stay there.
            var logFile = LogFileConfig.For(site, config);
            if (logFile.Enabled != true)
            {
                continue;
            }

            if (site.Name is "." or "..")
            {
                Error(site, $"sites[{i}]", nameof(SiteConfig.Name), $"'{site.Name}' cannot name the site's log folder; rename the site or set logFile.enabled to false");
                continue;
            }

            // Logs inside a folder the site serves as static files could be downloaded by anyone.
            var logFolder = Path.Combine(Path.GetFullPath(logFile.Directory!, _baseDirectory), site.Name);
            for (var d = 0; d < site.VirtualDirectories.Count; d++)
            {
                var served = Path.TrimEndingDirectorySeparator(Path.GetFullPath(site.VirtualDirectories[d].PhysicalPath, _baseDirectory));
                if (logFolder.StartsWith(served + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    Warning(site, $"sites[{i}]", nameof(SiteConfig.LogFile), $"the access log folder {logFolder} is inside virtual directory {site.VirtualDirectories[d].Path}, so clients could download the logs; set logFile.directory (or siteDefaults.logFile.directory) to a folder outside it");
                }
            }
        }
    }

    private void CheckLogFile(LogFileConfig? logFile, string path)
    {
        if (logFile is { Directory: { } directory } && string.IsNullOrWhiteSpace(directory))
        {
            _diagnostics.Error(_map.LocationOf(logFile, nameof(LogFileConfig.Directory)), path + ".directory", "must not be empty; leave it out for the default (logs)");
        }

        if (logFile is { LogExtFileFlags: { } flags } && flags.Distinct().Count() != flags.Count)
        {
            _diagnostics.Warning(_map.LocationOf(logFile, nameof(LogFileConfig.LogExtFileFlags)), path + ".logExtFileFlags", "lists a field more than once; each field is written once");
        }
    }

    private void ValidateIpSecurity(IpSecurityConfig? ipSecurity, string path) =>
        IpSecurityRules.Validate(ipSecurity, path, _map, _diagnostics);

    private void ValidateHsts(SiteConfig site, string sitePath)
    {
        if (site.Hsts is not { } hsts)
        {
            return;
        }

        var hasHttps = site.Bindings.Any(b => b.Protocol == BindingProtocol.Https);
        if (hsts.RedirectHttpToHttps && !hasHttps)
        {
            Error(hsts, sitePath + ".hsts", nameof(HstsConfig.RedirectHttpToHttps), $"site '{site.Name}' has no https binding to redirect to");
        }
        else if (hsts.Enabled && !hasHttps)
        {
            Warning(hsts, sitePath + ".hsts", nameof(HstsConfig.Enabled), $"site '{site.Name}' has no https binding; Strict-Transport-Security is sent on https responses only");
        }
    }

    private void ValidateStaticSettings(string ownerPath, StaticContentConfig? staticContent, DefaultDocumentConfig? defaultDocument)
    {
        if (staticContent is not null)
        {
            var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < staticContent.MimeMap.Count; i++)
            {
                var map = staticContent.MimeMap[i];
                var mapPath = $"{ownerPath}.staticContent.mimeMap[{i}]";
                if (map.FileExtension.Length < 2 || map.FileExtension[0] != '.' || map.FileExtension.IndexOfAny(['/', '\\', ' ']) >= 0)
                {
                    Error(map, mapPath, nameof(MimeMapConfig.FileExtension), $"'{map.FileExtension}' is not a file extension; write it with its dot, e.g. .webmanifest");
                }
                else if (!extensions.Add(map.FileExtension))
                {
                    Error(map, mapPath, nameof(MimeMapConfig.FileExtension), $"'{map.FileExtension}' is mapped twice");
                }

                if (!map.MimeType.Contains('/', StringComparison.Ordinal) || map.MimeType.Any(c => char.IsControl(c) || c == ' '))
                {
                    Error(map, mapPath, nameof(MimeMapConfig.MimeType), $"'{map.MimeType}' is not a content type such as text/plain");
                }
            }
        }

        if (defaultDocument is not null)
        {
            foreach (var file in defaultDocument.Files)
            {
                if (file.Length == 0 || file.IndexOfAny(['/', '\\']) >= 0)
                {
                    Error(defaultDocument, ownerPath + ".defaultDocument", nameof(DefaultDocumentConfig.Files), $"'{file}' is not a file name");
                }
            }
        }
    }

    private void ValidateBinding(BindingConfig binding, string path)
    {
        if (!BindingAddress.TryParse(binding.Address, out _))
        {
            Error(binding, path, nameof(BindingConfig.Address), $"'{binding.Address}' is not an IP address or *");
        }

        if (HostName.Check(binding.Host) is { } hostError)
        {
            Error(binding, path, nameof(BindingConfig.Host), $"'{binding.Host}' {hostError}");
        }

        if (binding.Protocol == BindingProtocol.Https && binding.Certificate is null)
        {
            Error(binding, path, nameof(BindingConfig.Certificate), "an https binding needs a certificate (path, and keyPath for PEM)");
        }
        else if (binding.Protocol == BindingProtocol.Http && binding.Certificate is not null)
        {
            Warning(binding, path, nameof(BindingConfig.Certificate), "ignored: an http binding has no certificate");
        }

        if (binding is { Protocol: BindingProtocol.Https, Certificate: { } certificate })
        {
            ValidateCertificate(certificate, path + ".certificate");
        }
    }

    private void ValidateCertificate(CertificateConfig certificate, string certificatePath)
    {
        var filesExist = CheckFile(certificate, certificatePath, nameof(CertificateConfig.Path), certificate.Path);
        if (certificate.KeyPath is not null)
        {
            filesExist &= CheckFile(certificate, certificatePath, nameof(CertificateConfig.KeyPath), certificate.KeyPath);
        }

        if (certificate.PasswordFile is not null)
        {
            filesExist &= CheckFile(certificate, certificatePath, nameof(CertificateConfig.PasswordFile), certificate.PasswordFile);
        }

        if (certificate is { PasswordFile: not null, PasswordEnvironmentVariable: not null })
        {
            Error(certificate, certificatePath, nameof(CertificateConfig.PasswordFile), "give passwordFile or passwordEnvironmentVariable, not both");
            return;
        }

        if (!filesExist)
        {
            return;
        }

        try
        {
            using var loaded = CertificateLoader.Load(CertificateFiles.From(certificate, _baseDirectory));
            var now = _time.GetUtcNow();
            if (loaded.Certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                Warning(certificate, certificatePath, nameof(CertificateConfig.Path), $"the certificate expired on {loaded.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
            }
            else if (loaded.Certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            {
                Warning(certificate, certificatePath, nameof(CertificateConfig.Path), $"the certificate is valid only from {loaded.Certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
            }
        }
        catch (CertificateLoadException ex)
        {
            Error(certificate, certificatePath, nameof(CertificateConfig.Path), ex.Message);
        }
    }

    private void ValidateBindingsAcrossSites(EyrieConfig config)
    {
        // The same address:port:host may be claimed once, and a port carries one protocol.
        var claimed = new Dictionary<string, (SiteConfig Site, BindingConfig Binding)>(StringComparer.OrdinalIgnoreCase);
        var protocols = new Dictionary<int, (SiteConfig Site, BindingConfig Binding)>();
        for (var s = 0; s < config.Sites.Count; s++)
        {
            var site = config.Sites[s];
            for (var b = 0; b < site.Bindings.Count; b++)
            {
                var binding = site.Bindings[b];
                var bindingPath = $"sites[{s}].bindings[{b}]";
                var address = BindingAddress.Canonical(binding.Address);
                var display = $"{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}:{binding.Port}:{binding.Host}";
                if (claimed.TryGetValue(display, out var first))
                {
                    var firstLine = _map.LocationOf(first.Binding).Line;
                    var message = ReferenceEquals(first.Site, site)
                        ? $"binding {display} is listed twice in site '{site.Name}' (first at line {firstLine})"
                        : $"binding {display} is claimed by site '{first.Site.Name}' (line {firstLine}) and site '{site.Name}'";
                    _diagnostics.Error(_map.LocationOf(binding), bindingPath, message);
                }
                else
                {
                    claimed.Add(display, (site, binding));
                }

                if (binding.Port == 0)
                {
                    continue;
                }

                if (protocols.TryGetValue(binding.Port, out var other) && other.Binding.Protocol != binding.Protocol)
                {
                    _diagnostics.Error(_map.LocationOf(binding, nameof(BindingConfig.Protocol)), bindingPath + ".protocol",
                        $"port {binding.Port} is {other.Binding.Protocol.ToString().ToLowerInvariant()} in site '{other.Site.Name}' (line {_map.LocationOf(other.Binding).Line}); one port cannot carry both http and https");
                }
                else
                {
                    protocols.TryAdd(binding.Port, (site, binding));
                }
            }
        }
    }

    private void ValidateApplication(ApplicationConfig application, string applicationPath, string virtualPath, IReadOnlyList<WebFarmConfig> farms)
    {
        if (application.WebFarm is not null)
        {
            if (application.PhysicalPath is not null)
            {
                Error(application, applicationPath, nameof(ApplicationConfig.WebFarm), $"application {virtualPath} has both a physicalPath and a webFarm; give one");
            }

            WebFarmRules.ValidateReference(application, applicationPath, farms, _map, _diagnostics);
            return;
        }

        if (string.IsNullOrWhiteSpace(application.PhysicalPath))
        {
            Error(application, applicationPath, nameof(ApplicationConfig.PhysicalPath), $"application {virtualPath} needs a physicalPath (the folder dotnet publish wrote) or a webFarm");
            return;
        }

        ApplicationPoolRules.Validate(application.ApplicationPool, applicationPath + ".applicationPool", _map, _diagnostics);

        if (CheckFolder(application, applicationPath, nameof(ApplicationConfig.PhysicalPath), application.PhysicalPath) is { } folder)
        {
            AspNetCoreSettingsResolver.Resolve(folder, application.AspNetCore, _diagnostics);
        }
    }

    private string? CheckPath(object owner, string ownerPath, string property, string path, Dictionary<string, object> seen)
    {
        if (!VirtualPath.TryNormalize(path, out var normalized, out var error))
        {
            Error(owner, ownerPath, property, $"'{path}' {error}");
            return null;
        }

        if (seen.TryGetValue(normalized, out var first))
        {
            Error(owner, ownerPath, property, $"path {normalized} is already used (line {_map.LocationOf(first).Line}); paths are case-insensitive");
            return null;
        }

        seen.Add(normalized, owner);
        return normalized;
    }

    private string? CheckFolder(object owner, string ownerPath, string property, string path)
    {
        var full = Path.GetFullPath(path, _baseDirectory);
        if (!Directory.Exists(full))
        {
            Error(owner, ownerPath, property, $"folder '{full}' does not exist");
            return null;
        }

        return full;
    }

    private bool CheckFile(object owner, string ownerPath, string property, string path)
    {
        var full = Path.GetFullPath(path, _baseDirectory);
        if (!File.Exists(full))
        {
            Error(owner, ownerPath, property, $"file '{full}' does not exist");
            return false;
        }

        return true;
    }

    private void Error(object owner, string ownerPath, string property, string message) =>
        _diagnostics.Error(_map.LocationOf(owner, property), Key(owner, ownerPath, property), message);

    private void Warning(object owner, string ownerPath, string property, string message) =>
        _diagnostics.Warning(_map.LocationOf(owner, property), Key(owner, ownerPath, property), message);

    private static string Key(object owner, string ownerPath, string property) =>
        ownerPath + "." + (ConfigTypeModel.For(owner.GetType()).FindByName(property)?.Key ?? property);
}
