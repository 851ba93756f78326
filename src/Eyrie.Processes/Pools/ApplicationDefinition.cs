using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;

namespace Eyrie.Processes.Pools;

/// <summary>
/// What a worker pool serves: an application of a site, where its files are, what eyrie.json overrides,
/// and how its pool behaves. A reload keeps the pool of a site/path; a change of what its workers are
/// started from (<see cref="LaunchEquals"/>) recycles them.
/// </summary>
/// <param name="SiteName">The site the application belongs to.</param>
/// <param name="VirtualPath">The normalised virtual path (ASPNETCORE_APPL_PATH), e.g. <c>/</c> or <c>/shop</c>.</param>
/// <param name="PhysicalPath">The app's folder, absolute.</param>
/// <param name="Overrides">eyrie.json's aspNetCore block, if any.</param>
/// <param name="HttpsPort">The port of the site's https binding, for ASPNETCORE_ANCM_HTTPS_PORT.</param>
/// <param name="Pool">eyrie.json's applicationPool block, if any.</param>
public sealed record ApplicationDefinition(string SiteName, string VirtualPath, string PhysicalPath, AspNetCoreConfig? Overrides = null, int? HttpsPort = null, ApplicationPoolConfig? Pool = null)
{
    /// <summary>The name operators use for it: <c>site/path</c>, as in <c>eyrie app recycle Shop/api</c>.</summary>
    public string DisplayName => SiteName + VirtualPath;

    /// <summary>Whether workers started from <paramref name="other"/> would be the same as from this.</summary>
    public bool LaunchEquals(ApplicationDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SiteName == other.SiteName && VirtualPath == other.VirtualPath && PhysicalPath == other.PhysicalPath &&
               Equals(Overrides, other.Overrides) && HttpsPort == other.HttpsPort;
    }
}
