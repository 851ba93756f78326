using Eyrie.Configuration.Model;

namespace Eyrie.Processes.Pools;

/// <summary>
/// What a worker pool serves: an application of a site, where its files are, and what eyrie.json
/// overrides. Record equality tells a reload whether the pool may be kept.
/// </summary>
/// <param name="SiteName">The site the application belongs to.</param>
/// <param name="VirtualPath">The normalised virtual path (ASPNETCORE_APPL_PATH), e.g. <c>/</c> or <c>/shop</c>.</param>
/// <param name="PhysicalPath">The app's folder, absolute.</param>
/// <param name="Overrides">eyrie.json's aspNetCore block, if any.</param>
/// <param name="HttpsPort">The port of the site's https binding, for ASPNETCORE_ANCM_HTTPS_PORT.</param>
public sealed record ApplicationDefinition(string SiteName, string VirtualPath, string PhysicalPath, AspNetCoreConfig? Overrides = null, int? HttpsPort = null)
{
    /// <summary>The name operators use for it: <c>site/path</c>, as in <c>eyrie app recycle Shop/api</c>.</summary>
    public string DisplayName => SiteName + VirtualPath;
}
