using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>defaultDocument</c>: the files served for a request to a folder.</summary>
public sealed record DefaultDocumentConfig
{
    /// <summary>IIS's list, without its ASP/ASP.NET entries.</summary>
    public static ConfigList<string> DefaultFiles { get; } = ["Default.htm", "index.htm", "index.html", "default.html", "iisstart.htm"];

    [Description("Serve a default document for a request to a folder.")]
    public bool Enabled { get; init; } = true;

    [Description("File names tried in order (matched ignoring case).")]
    public ConfigList<string> Files { get; init; } = DefaultFiles;
}
