using System.ComponentModel;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>staticContent/mimeMap</c>: the content type of a file extension.</summary>
public sealed record MimeMapConfig
{
    [Description("The extension with its dot, e.g. .webmanifest.")]
    public required string FileExtension { get; init; }

    [Description("The content type, e.g. application/manifest+json.")]
    public required string MimeType { get; init; }
}
