using Eyrie.Configuration.Paths;

namespace Eyrie.Server.Security;

/// <summary>
/// A route's security: its policy, and the policies of its web.config <c>&lt;location path&gt;</c> sections
/// (longest matching path wins, as in IIS).
/// </summary>
public sealed class RouteSecurity(SecurityPolicy root, IReadOnlyList<(string Path, SecurityPolicy Policy)> locations)
{
    private readonly (string Path, SecurityPolicy Policy)[] _locations = [.. locations.OrderByDescending(l => l.Path.Length)];

    public SecurityPolicy Root { get; } = root;

    /// <param name="pathInRoute">The request path below the route, e.g. <c>/admin/users</c>.</param>
    public SecurityPolicy For(ReadOnlySpan<char> pathInRoute)
    {
        foreach (var (path, policy) in _locations)
        {
            if (VirtualPath.Contains(path, pathInRoute))
            {
                return policy;
            }
        }

        return Root;
    }
}
