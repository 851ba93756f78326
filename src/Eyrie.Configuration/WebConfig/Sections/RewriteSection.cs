using System.Xml.Linq;

namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// A web.config's <c>system.webServer/rewrite</c> element (IIS URL Rewrite), kept as XML with its line numbers:
/// the server compiles its rules with ASP.NET Core's IIS rewrite importer, which this assembly does not reference.
/// </summary>
public sealed record RewriteSection(XElement Element, string File);
