using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.WebConfig.Sections;

namespace Eyrie.Configuration.WebConfig;

/// <summary>The <c>system.webServer</c> sections a web.config sets for a path of its app (<c>/</c> for the app itself).</summary>
/// <param name="Path">The path below the app, from <c>&lt;location path&gt;</c>: <c>/</c>, <c>/admin</c>.</param>
public sealed record WebConfigLocation(string Path, RequestFilteringConfig? RequestFiltering, IpSecurityConfig? IpSecurity, DynamicIpSecurityConfig? DynamicIpSecurity)
{
    public HttpProtocolSection? HttpProtocol { get; init; }

    public HttpErrorsSection? HttpErrors { get; init; }

    public HttpRedirectSection? HttpRedirect { get; init; }

    public StaticContentSection? StaticContent { get; init; }

    public DefaultDocumentSection? DefaultDocument { get; init; }

    public bool? DirectoryBrowse { get; init; }

    public UrlCompressionSection? UrlCompression { get; init; }

    public HttpCompressionSection? HttpCompression { get; init; }

    public RewriteSection? Rewrite { get; init; }

    /// <summary>True if it sets any section besides the security ones.</summary>
    public bool HasWebServerSections =>
        HttpProtocol is not null || HttpErrors is not null || HttpRedirect is not null || StaticContent is not null || DefaultDocument is not null ||
        DirectoryBrowse is not null || UrlCompression is not null || HttpCompression is not null || Rewrite is not null;
}
