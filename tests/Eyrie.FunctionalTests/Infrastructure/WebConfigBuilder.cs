using System.Xml.Linq;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>Writes a web.config shaped like the one `dotnet publish` writes, with chosen settings.</summary>
internal sealed class WebConfigBuilder
{
    private readonly Dictionary<string, string> _attributes = new()
    {
        ["processPath"] = "dotnet",
        ["arguments"] = @".\Eyrie.TestBackend.dll",
        ["stdoutLogEnabled"] = "false",
        ["stdoutLogFile"] = @".\logs\stdout",
        ["hostingModel"] = "inprocess",
    };

    private readonly List<(string Name, string Value)> _environment = [];
    private readonly List<(string Name, string Value)> _handlerSettings = [];
    private readonly List<XElement> _webServer = [];
    private readonly List<(string Path, XElement[] WebServer)> _locations = [];

    public WebConfigBuilder Set(string attribute, string value)
    {
        _attributes[attribute] = value;
        return this;
    }

    public WebConfigBuilder Environment(string name, string value)
    {
        _environment.Add((name, value));
        return this;
    }

    public WebConfigBuilder HandlerSetting(string name, string value)
    {
        _handlerSettings.Add((name, value));
        return this;
    }

    /// <summary>Adds sections to the app's own system.webServer, e.g. <c>&lt;security&gt;</c>.</summary>
    public WebConfigBuilder WebServer(string xml)
    {
        _webServer.AddRange(XElement.Parse("<sections>" + xml + "</sections>").Elements());
        return this;
    }

    /// <summary>Adds a <c>&lt;location path&gt;</c> whose system.webServer holds <paramref name="xml"/>.</summary>
    public WebConfigBuilder Location(string path, string xml)
    {
        _locations.Add((path, [XElement.Parse(xml)]));
        return this;
    }

    public string Build()
    {
        var aspNetCore = new XElement("aspNetCore", _attributes.Select(a => new XAttribute(a.Key, a.Value)));
        if (_environment.Count > 0)
        {
            aspNetCore.Add(new XElement("environmentVariables",
                _environment.Select(e => new XElement("environmentVariable", new XAttribute("name", e.Name), new XAttribute("value", e.Value)))));
        }

        if (_handlerSettings.Count > 0)
        {
            aspNetCore.Add(new XElement("handlerSettings",
                _handlerSettings.Select(e => new XElement("handlerSetting", new XAttribute("name", e.Name), new XAttribute("value", e.Value)))));
        }

        var document = new XDocument(new XElement("configuration",
            new XElement("location", new XAttribute("path", "."), new XAttribute("inheritInChildApplications", "false"),
                new XElement("system.webServer",
                    new XElement("handlers", new XElement("add", new XAttribute("name", "aspNetCore"), new XAttribute("path", "*"), new XAttribute("verb", "*"),
                        new XAttribute("modules", "AspNetCoreModuleV2"), new XAttribute("resourceType", "Unspecified"))),
                    aspNetCore,
                    _webServer)),
            _locations.Select(l => new XElement("location", new XAttribute("path", l.Path), new XElement("system.webServer", l.WebServer)))));
        return document.ToString();
    }
}
