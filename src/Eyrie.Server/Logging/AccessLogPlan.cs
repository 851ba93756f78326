namespace Eyrie.Server.Logging;

/// <summary>
/// The access logs a configuration being applied will use, by site name: the running ones (with their new
/// settings, applied at commit) and new ones. Made by <see cref="AccessLogs.Prepare"/>.
/// </summary>
public sealed class AccessLogPlan
{
    internal AccessLogPlan(IReadOnlyDictionary<string, (AccessLog Log, AccessLogSettings Settings)> sites, IReadOnlyList<AccessLog> created)
    {
        Sites = sites;
        Created = created;
    }

    internal IReadOnlyDictionary<string, (AccessLog Log, AccessLogSettings Settings)> Sites { get; }

    internal IReadOnlyList<AccessLog> Created { get; }

    /// <summary>The log of the site named <paramref name="site"/>, or null when its log is off.</summary>
    public AccessLog? For(string site) => Sites.TryGetValue(site, out var entry) ? entry.Log : null;
}
