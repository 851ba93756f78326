using System.Xml.Linq;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Import;

/// <summary>A site's settings beyond its bindings and applications: <c>limits</c>, <c>hsts</c>, and the server's <c>webLimits</c>.</summary>
internal sealed class IisSiteSettingsImporter(ImportReport report)
{
    private readonly ImportReport _report = report;

    internal SiteLimitsConfig? ImportLimits(XElement? limits, XElement? defaults, string sitePath)
    {
        if (limits is not null)
        {
            ReportLimitAttributes(limits, sitePath + "/limits", "");
        }

        var segments = limits?.Attribute("maxUrlSegments") ?? defaults?.Attribute("maxUrlSegments");
        return segments is not null && ParseSegments(segments) is { } value && value != SiteLimitsConfig.DefaultMaxUrlSegments
            ? new SiteLimitsConfig { MaxUrlSegments = value }
            : null;
    }

    private static int? ParseSegments(XAttribute attribute) =>
        IisValues.TryInteger(attribute.Value, out var value) && IisValues.OutOfRange(typeof(SiteLimitsConfig), nameof(SiteLimitsConfig.MaxUrlSegments), value) is null
            ? (int)value
            : null;

    internal void ReportLimitAttributes(XElement limits, string path, string suffix)
    {
        _report.Handle(limits);
        foreach (var attribute in limits.Attributes())
        {
            var name = attribute.Name.LocalName;
            var (action, message) = name switch
            {
                "maxUrlSegments" => ParseSegments(attribute) is not { } segments
                    ? (ImportAction.Skipped, $"'{attribute.Value}' is not a number from 1 to 16384")
                    : segments == SiteLimitsConfig.DefaultMaxUrlSegments
                        ? (ImportAction.Mapped, "32, Eyrie's default (not written)")
                        : (ImportAction.Mapped, $"limits.maxUrlSegments {segments}"),
                "connectionTimeout" => (ImportAction.Skipped, "per site in IIS; Eyrie's idle timeout is server-wide: webLimits.connectionTimeout"),
                "maxBandwidth" => (ImportAction.Skipped, "Eyrie does not throttle bandwidth"),
                "maxConnections" => (ImportAction.Skipped, "per site in IIS; Eyrie caps connections per listener (webLimits.maxConnections) and per client (webLimits.maxConnectionsPerClient)"),
                _ => (ImportAction.Skipped, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)"),
            };
            _report.Add(attribute, action, $"{path}/@{name}", message + suffix);
        }
    }

    internal HstsConfig? ImportHsts(XElement site, XElement? hsts, XElement? defaults, string sitePath, bool hasHttps)
    {
        if (hsts is not null)
        {
            ReportHstsAttributes(hsts, sitePath + "/hsts", "", hasHttps);
        }

        if (hsts is null && defaults is null)
        {
            return null;
        }

        bool Flag(string name) => (hsts?.Attribute(name) ?? defaults?.Attribute(name)) is { } a && IisValues.TryBoolean(a.Value, out var v) && v;
        var maxAge = (hsts?.Attribute("max-age") ?? defaults?.Attribute("max-age")) is { } age && IisValues.TryInteger(age.Value, out var seconds) && seconds <= int.MaxValue
            ? (int)seconds
            : 0;
        var config = new HstsConfig
        {
            Enabled = Flag("enabled"),
            MaxAge = maxAge,
            IncludeSubDomains = Flag("includeSubDomains"),
            Preload = Flag("preload"),
            RedirectHttpToHttps = Flag("redirectHttpToHttps"),
        };
        if (config.RedirectHttpToHttps && !hasHttps)
        {
            config = config with { RedirectHttpToHttps = false };
            var node = (XObject?)hsts?.Attribute("redirectHttpToHttps") ?? site;
            _report.Changed(node, sitePath + "/hsts/@redirectHttpToHttps", "true, but the site has no https binding in eyrie.json: left off");
        }

        return config == new HstsConfig() ? null : config;
    }

    /// <param name="hasHttps">Whether the site has an https binding in eyrie.json; null for siteDefaults.</param>
    internal void ReportHstsAttributes(XElement hsts, string path, string suffix, bool? hasHttps = null)
    {
        _report.Handle(hsts);
        foreach (var attribute in hsts.Attributes())
        {
            var name = attribute.Name.LocalName;
            var key = name == "max-age" ? "maxAge" : name;
            var (action, message) = name switch
            {
                "enabled" or "includeSubDomains" or "preload" or "redirectHttpToHttps" => IisValues.TryBoolean(attribute.Value, out var value)
                    ? (ImportAction.Mapped, $"hsts.{key} {(value ? "true" : "false")}")
                    : (ImportAction.Skipped, $"'{attribute.Value}' is not true or false"),
                "max-age" => IisValues.TryInteger(attribute.Value, out var seconds) && seconds <= int.MaxValue
                    ? (ImportAction.Mapped, $"hsts.maxAge {seconds}")
                    : (ImportAction.Skipped, $"'{attribute.Value}' is not a number of seconds"),
                _ => (ImportAction.Skipped, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)"),
            };
            if (name == "redirectHttpToHttps" && hasHttps == false && IisValues.TryBoolean(attribute.Value, out var redirect) && redirect)
            {
                // Reported as Changed by ImportHsts, which leaves it off.
                continue;
            }

            _report.Add(attribute, action, $"{path}/@{name}", message + suffix);
        }
    }

    internal WebLimitsConfig? ImportWebLimits(XElement limits)
    {
        const string Path = "system.applicationHost/webLimits";
        _report.Handle(limits);
        var config = new WebLimitsConfig();
        foreach (var attribute in limits.Attributes())
        {
            var name = attribute.Name.LocalName;
            var path = $"{Path}/@{name}";
            switch (name)
            {
                case "connectionTimeout" or "headerWaitTimeout":
                    if (!IisValues.TryTimeSpan(attribute.Value, out var time))
                    {
                        _report.Skipped(attribute, path, $"'{attribute.Value}' is not a time span hh:mm:ss");
                        break;
                    }

                    var isHeaderWait = name == "headerWaitTimeout";
                    var eyrieDefault = isHeaderWait ? WebLimitsConfig.DefaultHeaderWaitTimeout : WebLimitsConfig.DefaultConnectionTimeout;
                    if (isHeaderWait && time == TimeSpan.Zero)
                    {
                        _report.Changed(attribute, path, $"00:00:00 (off) in IIS; Eyrie keeps its limit of {IisValues.Format(eyrieDefault)} against slow clients (slowloris)");
                    }
                    else if (IisValues.OutOfRange(typeof(WebLimitsConfig), isHeaderWait ? nameof(WebLimitsConfig.HeaderWaitTimeout) : nameof(WebLimitsConfig.ConnectionTimeout), time) is { } range)
                    {
                        _report.Skipped(attribute, path, $"{attribute.Value} is outside what Eyrie accepts ({range})");
                    }
                    else if (time == eyrieDefault)
                    {
                        _report.Mapped(attribute, path, $"{IisValues.Format(time)}, Eyrie's default (not written)");
                    }
                    else
                    {
                        config = isHeaderWait ? config with { HeaderWaitTimeout = time } : config with { ConnectionTimeout = time };
                        _report.Mapped(attribute, path, $"webLimits.{name} {IisValues.Format(time)}");
                    }

                    break;
                case "minBytesPerSecond":
                    if (!IisValues.TryInteger(attribute.Value, out var bytes) || bytes > int.MaxValue)
                    {
                        _report.Skipped(attribute, path, $"'{attribute.Value}' is not a number");
                    }
                    else if (bytes == WebLimitsConfig.DefaultMinBytesPerSecond)
                    {
                        _report.Mapped(attribute, path, "240, Eyrie's default (not written)");
                    }
                    else
                    {
                        config = config with { MinBytesPerSecond = (int)bytes };
                        _report.Mapped(attribute, path, $"webLimits.minBytesPerSecond {bytes}");
                    }

                    break;
                case "maxGlobalBandwidth":
                    _report.Skipped(attribute, path, "Eyrie does not throttle bandwidth");
                    break;
                case "dynamicIdleThreshold" or "demandStartThreshold" or "dynamicRegistrationThreshold":
                    _report.Skipped(attribute, path, "a throttle of IIS's process activation; Eyrie has none");
                    break;
                default:
                    _report.Skipped(attribute, path, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)");
                    break;
            }
        }

        return config == new WebLimitsConfig() ? null : config;
    }
}
