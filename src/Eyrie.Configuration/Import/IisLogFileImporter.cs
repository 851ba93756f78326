using System.Xml.Linq;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Import;

/// <summary>IIS's <c>logFile</c> (a site's, or siteDefaults') onto eyrie.json's <c>logFile</c>: W3C logs, their period, size and fields.</summary>
internal sealed class IisLogFileImporter(ImportReport report, PathMap paths)
{
    private readonly ImportReport _report = report;
    private readonly PathMap _paths = paths;

    /// <summary>The values that differ from IIS's defaults, or null when there are none.</summary>
    internal LogFileConfig? Import(XElement? logFile, string path, string suffix)
    {
        if (logFile is null)
        {
            return null;
        }

        _report.Handle(logFile);
        var config = new LogFileConfig();
        foreach (var attribute in logFile.Attributes())
        {
            var name = attribute.Name.LocalName;
            var at = $"{path}/@{name}";
            switch (name)
            {
                case "enabled" or "localTimeRollover":
                    if (!IisValues.TryBoolean(attribute.Value, out var flag))
                    {
                        _report.Skipped(attribute, at, $"'{attribute.Value}' is not true or false");
                    }
                    else
                    {
                        config = name == "enabled" ? config with { Enabled = flag ? null : false } : config with { LocalTimeRollover = flag ? true : null };
                        _report.Mapped(attribute, at, $"logFile.{name} {(flag ? "true" : "false")}{suffix}");
                    }

                    break;
                case "directory":
                    var mapped = _paths.Map(attribute.Value);
                    if (mapped.Action == ImportAction.Mapped)
                    {
                        config = config with { Directory = mapped.Value };
                        _report.Mapped(attribute, at, $"logFile.directory {mapped.Message}; each site's files go in <directory>/<site name>/ (IIS: W3SVC<id>){suffix}");
                    }
                    else
                    {
                        _report.Changed(attribute, at, $"{attribute.Value} is a Windows folder, not written: the logs go to the default folder (siteDefaults' directory, else logs/ beside eyrie.json), in <site name>/; map it with --path-map or set logFile.directory{suffix}");
                    }

                    break;
                case "logFormat":
                    if (attribute.Value.Equals("W3C", StringComparison.OrdinalIgnoreCase))
                    {
                        _report.Mapped(attribute, at, "W3C, the format Eyrie writes" + suffix);
                    }
                    else
                    {
                        _report.Changed(attribute, at, $"{attribute.Value}: Eyrie writes W3C extended logs only" + suffix);
                    }

                    break;
                case "period":
                    if (Enum.TryParse<LogPeriod>(attribute.Value, ignoreCase: true, out var period) && Enum.IsDefined(period))
                    {
                        config = config with { Period = period == LogPeriod.Daily ? null : period };
                        _report.Mapped(attribute, at, $"logFile.period {attribute.Value}{suffix}");
                    }
                    else
                    {
                        _report.Skipped(attribute, at, $"'{attribute.Value}' is not a period (Daily, Hourly, Weekly, Monthly, MaxSize)");
                    }

                    break;
                case "truncateSize":
                    if (IisValues.TryInteger(attribute.Value, out var size) && IisValues.OutOfRange(typeof(LogFileConfig), nameof(LogFileConfig.TruncateSize), size) is null)
                    {
                        config = config with { TruncateSize = size == LogFileConfig.DefaultTruncateSize ? null : size };
                        _report.Mapped(attribute, at, $"logFile.truncateSize {size}{suffix}");
                    }
                    else
                    {
                        _report.Skipped(attribute, at, $"'{attribute.Value}' is not a size from 1048576 to 4294967295 bytes");
                    }

                    break;
                case "logExtFileFlags":
                    config = config with { LogExtFileFlags = Flags(attribute, at, suffix) };
                    break;
                case "logTargetW3C":
                    if (attribute.Value.Contains("File", StringComparison.OrdinalIgnoreCase))
                    {
                        _report.Mapped(attribute, at, $"{attribute.Value}: Eyrie writes files (not ETW){suffix}");
                    }
                    else
                    {
                        _report.Changed(attribute, at, $"{attribute.Value}: Eyrie writes files; there is no ETW on Linux{suffix}");
                    }

                    break;
                default:
                    _report.Skipped(attribute, at, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)");
                    break;
            }
        }

        foreach (var child in logFile.Elements())
        {
            _report.HandleTree(child);
            _report.Skipped(child, $"{path}/{child.Name.LocalName}", "custom fields are not written; Eyrie writes IIS's standard fields");
        }

        return config == new LogFileConfig() ? null : config;
    }

    /// <summary>IIS's comma-separated flags; null when they are IIS's default set (nothing to write).</summary>
    private ConfigList<LogExtFileFlag>? Flags(XAttribute attribute, string at, string suffix)
    {
        var flags = new List<LogExtFileFlag>();
        var unknown = new List<string>();
        foreach (var name in attribute.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<LogExtFileFlag>(name, ignoreCase: true, out var flag) && Enum.IsDefined(flag))
            {
                flags.Add(flag);
            }
            else
            {
                unknown.Add(name);
            }
        }

        var distinct = flags.Distinct().Order().ToArray();
        if (unknown.Count > 0)
        {
            _report.Changed(attribute, at, $"logFile.logExtFileFlags without {string.Join(", ", unknown)} (not written by Eyrie){suffix}");
        }
        else
        {
            _report.Mapped(attribute, at, $"logFile.logExtFileFlags {string.Join(", ", distinct)}{suffix}");
        }

        return distinct.SequenceEqual(LogFileConfig.DefaultFlags.Order()) ? null : ConfigList.From(distinct);
    }
}
