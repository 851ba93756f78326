using System.Xml;
using System.Xml.Linq;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Iis;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.WebConfig;

/// <summary>
/// Reads an app's web.config as IIS does for the ASP.NET Core Module: the <c>&lt;aspNetCore&gt;</c> element
/// of <c>system.webServer</c>, directly under <c>&lt;configuration&gt;</c> or in a <c>&lt;location&gt;</c> for the
/// app root (<c>path="."</c>, which <c>dotnet publish</c> writes). Names are case-sensitive as in IIS;
/// every error names the file and line.
/// </summary>
public static class WebConfigReader
{
    public const string FileName = "web.config";
    private const string SectionKey = "system.webServer/aspNetCore";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads the web.config in <paramref name="appFolder"/>; reports a missing or malformed file.</summary>
    public static WebConfigFile? ReadFromFolder(string appFolder, DiagnosticBag diagnostics) =>
        Read(Path.Combine(appFolder, FileName), diagnostics);

    public static WebConfigFile? Read(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var fullPath = Path.GetFullPath(path);
        XDocument document;
        try
        {
            using var stream = File.OpenRead(fullPath);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (FileNotFoundException)
        {
            diagnostics.Error(SourceLocation.InFile(fullPath), "", "web.config not found; the app folder needs the web.config that dotnet publish writes");
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            diagnostics.Error(SourceLocation.InFile(fullPath), "", "the app folder does not exist");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            diagnostics.Error(SourceLocation.InFile(fullPath), "", "cannot read web.config: " + ex.Message);
            return null;
        }
        catch (XmlException ex)
        {
            diagnostics.Error(new SourceLocation(fullPath, ex.LineNumber, ex.LinePosition), "", "malformed XML: " + StripPosition(ex.Message));
            return null;
        }

        return Read(document, fullPath, diagnostics);
    }

    /// <summary>Reads a web.config already loaded with line information (used by tests and by other readers).</summary>
    public static WebConfigFile? Read(XDocument document, string fullPath, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = document.Root;
        if (root is null || root.Name.LocalName != "configuration")
        {
            diagnostics.Error(SourceLocation.Of(fullPath, root), "", "the root element must be <configuration>");
            return null;
        }

        var elements = FindAppRootSections(root, fullPath, diagnostics).ToList();
        if (elements.Count > 1)
        {
            diagnostics.Error(SourceLocation.Of(fullPath, elements[1]), SectionKey,
                $"there is a duplicate '{SectionKey}' section defined (first at line {SourceLocation.Of(fullPath, elements[0]).Line})");
        }

        var settings = elements.Count == 0 ? null : ReadAspNetCore(elements[0], fullPath, diagnostics);
        return new WebConfigFile(fullPath, settings, WebConfigLocationReader.Read(root, fullPath, diagnostics));
    }

    /// <summary>The <c>system.webServer/aspNetCore</c> elements that apply to the app root.</summary>
    private static IEnumerable<XElement> FindAppRootSections(XElement configuration, string file, DiagnosticBag diagnostics)
    {
        foreach (var scope in configuration.Elements())
        {
            if (scope.Name.LocalName == "system.webServer")
            {
                foreach (var element in scope.Elements("aspNetCore"))
                {
                    yield return element;
                }
            }
            else if (scope.Name.LocalName == "location")
            {
                var path = (string?)scope.Attribute("path") ?? "";
                var appliesToRoot = path is "" or ".";
                foreach (var element in scope.Elements("system.webServer").Elements("aspNetCore"))
                {
                    if (appliesToRoot)
                    {
                        yield return element;
                    }
                    else
                    {
                        diagnostics.Warning(SourceLocation.Of(file, element), SectionKey,
                            $"ignored: <aspNetCore> in <location path=\"{path}\"> applies to a sub-path; the app's process is configured at its root");
                    }
                }
            }
        }
    }

    private static AspNetCoreSettings ReadAspNetCore(XElement element, string file, DiagnosticBag diagnostics)
    {
        var settings = new AspNetCoreSettings { Origin = SourceLocation.Of(file, element) };
        foreach (var attribute in element.Attributes())
        {
            if (!IisConfigAttributes.IsSetting(attribute))
            {
                continue;
            }

            var key = $"{SectionKey}/@{attribute.Name.LocalName}";
            var location = SourceLocation.Of(file, attribute);
            var value = attribute.Value;
            switch (attribute.Name.LocalName)
            {
                case "processPath":
                    settings = settings with { ProcessPath = value };
                    break;
                case "arguments":
                    settings = settings with { Arguments = value };
                    break;
                case "stdoutLogEnabled":
                    settings = settings with { StdoutLogEnabled = ReadBoolean(value, settings.StdoutLogEnabled) };
                    break;
                case "stdoutLogFile":
                    settings = settings with { StdoutLogFile = value };
                    break;
                case "startupTimeLimit":
                    settings = settings with { StartupTimeLimit = TimeSpan.FromSeconds(ReadUInt(value, 0, 3600, (uint)settings.StartupTimeLimit.TotalSeconds)) };
                    break;
                case "shutdownTimeLimit":
                    settings = settings with { ShutdownTimeLimit = TimeSpan.FromSeconds(ReadUInt(value, 0, 600, (uint)settings.ShutdownTimeLimit.TotalSeconds)) };
                    break;
                case "rapidFailsPerMinute":
                    settings = settings with { RapidFailsPerMinute = ReadRapidFails(value) };
                    break;
                case "requestTimeout":
                    settings = settings with { RequestTimeout = ReadRequestTimeout(value, settings.RequestTimeout) };
                    break;
                case "processesPerApplication":
                    settings = settings with { ProcessesPerApplication = (int)ReadUInt(value, 1, 100, (uint)settings.ProcessesPerApplication) };
                    break;
                case "disableStartUpErrorPage":
                    settings = settings with { DisableStartUpErrorPage = ReadBoolean(value, settings.DisableStartUpErrorPage) };
                    break;
                case "forwardWindowsAuthToken":
                    // Windows tokens do not exist here; validated so that a typo is still caught.
                    ReadBoolean(value, true);
                    break;
                case "hostingModel":
                    settings = settings with { HostingModel = ReadHostingModel(value, settings.HostingModel) };
                    break;
                default:
                    diagnostics.Error(location, key, $"unrecognized attribute '{attribute.Name.LocalName}' (attribute names are case-sensitive)");
                    break;
            }

            bool ReadBoolean(string text, bool fallback)
            {
                if (IisValueParser.TryParseBoolean(text, out var parsed))
                {
                    return parsed;
                }

                diagnostics.Error(location, key, $"'{text}' is not a boolean; write true or false");
                return fallback;
            }

            uint ReadUInt(string text, uint min, uint max, uint fallback)
            {
                if (!IisValueParser.TryParseUInt32(text, out var parsed))
                {
                    diagnostics.Error(location, key, $"'{text}' is not a whole number of seconds or a count");
                    return fallback;
                }

                if (parsed < min || parsed > max)
                {
                    diagnostics.Error(location, key, $"must be between {min} and {max}; found {parsed}");
                    return fallback;
                }

                return parsed;
            }

            int ReadRapidFails(string text)
            {
                if (!IisValueParser.TryParseUInt32(text, out var parsed))
                {
                    diagnostics.Error(location, key, $"'{text}' is not a whole number");
                    return settings.RapidFailsPerMinute;
                }

                // ANCM clamps larger values to 100 instead of rejecting them.
                if (parsed > 100)
                {
                    diagnostics.Warning(location, key, $"{parsed} is above the maximum; using 100, as the ASP.NET Core Module does");
                    return 100;
                }

                return (int)parsed;
            }

            TimeSpan ReadRequestTimeout(string text, TimeSpan fallback)
            {
                if (!IisValueParser.TryParseTimeSpan(text, out var parsed))
                {
                    diagnostics.Error(location, key, $"'{text}' is not a time span; write hh:mm:ss with minutes and seconds 0-59, e.g. 00:02:00");
                    return fallback;
                }

                if (parsed > TimeSpan.FromHours(360))
                {
                    diagnostics.Error(location, key, "must be at most 360:00:00");
                    return fallback;
                }

                return parsed;
            }

            HostingModel ReadHostingModel(string text, HostingModel fallback)
            {
                var trimmed = text.Trim();
                if (trimmed.Length == 0 || trimmed.Equals("outofprocess", StringComparison.OrdinalIgnoreCase))
                {
                    return HostingModel.OutOfProcess;
                }

                if (trimmed.Equals("inprocess", StringComparison.OrdinalIgnoreCase))
                {
                    return HostingModel.InProcess;
                }

                diagnostics.Error(location, key, $"Unknown hosting model '{text}'. Please specify either hostingModel=\"inprocess\" or hostingModel=\"outofprocess\"");
                return fallback;
            }
        }

        foreach (var child in element.Elements())
        {
            var location = SourceLocation.Of(file, child);
            switch (child.Name.LocalName)
            {
                case "environmentVariables":
                    settings = settings with { EnvironmentVariables = ReadNameValueCollection(child, "environmentVariable", file, diagnostics) };
                    break;
                case "handlerSettings":
                    var handlerSettings = ReadNameValueCollection(child, "handlerSetting", file, diagnostics);
                    CheckHandlerSettings(child, handlerSettings, file, diagnostics);
                    settings = settings with { HandlerSettings = handlerSettings };
                    break;
                case "recycleOnFileChange":
                    settings = settings with { RecycleOnFileChange = ReadFiles(child, file, diagnostics) };
                    break;
                default:
                    diagnostics.Error(location, $"{SectionKey}/{child.Name.LocalName}", $"unrecognized element '{child.Name.LocalName}'");
                    break;
            }
        }

        return settings;
    }

    /// <summary>Reads an IIS collection of name/value items with add, remove and clear semantics.</summary>
    private static ConfigMap ReadNameValueCollection(XElement collection, string addElement, string file, DiagnosticBag diagnostics)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var key = $"{SectionKey}/{collection.Name.LocalName}";
        foreach (var item in collection.Elements())
        {
            var location = SourceLocation.Of(file, item);
            var name = (string?)item.Attribute("name");
            switch (item.Name.LocalName)
            {
                case "clear":
                    entries.Clear();
                    break;
                case "remove":
                    if (string.IsNullOrEmpty(name))
                    {
                        diagnostics.Error(location, key, "<remove> needs a name attribute");
                        break;
                    }

                    entries.RemoveAll(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase));
                    break;
                default:
                    if (item.Name.LocalName != addElement)
                    {
                        diagnostics.Error(location, key, $"unrecognized element '{item.Name.LocalName}'; expected <{addElement}>, <remove> or <clear>");
                        break;
                    }

                    var value = (string?)item.Attribute("value");
                    if (string.IsNullOrEmpty(name))
                    {
                        diagnostics.Error(location, key, $"<{addElement}> needs a non-empty name attribute");
                        break;
                    }

                    if (value is null)
                    {
                        diagnostics.Error(location, $"{key}[{name}]", $"<{addElement}> needs a value attribute");
                        break;
                    }

                    if (entries.Any(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        diagnostics.Error(location, $"{key}[{name}]",
                            $"Cannot add duplicate collection entry of type '{addElement}' with unique key attribute 'name' set to '{name}'");
                        break;
                    }

                    entries.Add(new(name, value));
                    break;
            }
        }

        return new ConfigMap(entries);
    }

    private static void CheckHandlerSettings(XElement collection, ConfigMap settings, string file, DiagnosticBag diagnostics)
    {
        foreach (var name in settings.Keys)
        {
            var element = collection.Elements().Last(e => string.Equals((string?)e.Attribute("name"), name, StringComparison.OrdinalIgnoreCase));
            var location = SourceLocation.Of(file, element);
            var key = $"{SectionKey}/handlerSettings[{name}]";
            if (!HandlerSettingNames.Known.Contains(name))
            {
                diagnostics.Warning(location, key, "unknown handler setting; it has no effect");
            }
            else if (!HandlerSettingNames.Applied.Contains(name))
            {
                diagnostics.Warning(location, key, "applies to the in-process hosting model or to IIS itself; it has no effect in Eyrie");
            }
        }
    }

    private static ConfigList<string> ReadFiles(XElement collection, string file, DiagnosticBag diagnostics)
    {
        var files = new List<string>();
        foreach (var item in collection.Elements())
        {
            switch (item.Name.LocalName)
            {
                case "clear":
                    files.Clear();
                    break;
                case "file" when (string?)item.Attribute("path") is { Length: > 0 } path:
                    files.Add(path);
                    break;
                default:
                    diagnostics.Error(SourceLocation.Of(file, item), $"{SectionKey}/recycleOnFileChange", "expected <file path=\"…\"> or <clear>");
                    break;
            }
        }

        return ConfigList.From(files);
    }


    private static string StripPosition(string message)
    {
        var index = message.IndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }
}
