using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.WebServer;

/// <summary>
/// IIS's <c>httpRedirect</c>, compiled for the path it is configured on. The destination gets the rest of the
/// request path and the query string, unless <c>exactDestination</c>; <c>$S</c> (that rest), <c>$Q</c> (the
/// query string with its <c>?</c>) and <c>$V</c> (the path) are replaced in a destination that names them.
/// </summary>
public sealed class HttpRedirectRule(string basePath, string? destination, bool exactDestination, bool childOnly, int status, IReadOnlyList<(Regex Wildcard, string Destination)> wildcards)
{
    public int Status { get; } = status;

    /// <summary>Where to redirect the request, or null if this rule leaves it alone.</summary>
    public string? Target(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "/";
        var rest = basePath == "/" ? path : path.Length > basePath.Length ? path[basePath.Length..] : "";
        var query = request.QueryString.Value ?? "";
        foreach (var (wildcard, target) in wildcards)
        {
            if (wildcard.IsMatch(path))
            {
                return Expand(target, path, rest, query);
            }
        }

        if (destination is null || (childOnly && rest is "" or "/"))
        {
            return null;
        }

        if (destination.Contains('$', StringComparison.Ordinal))
        {
            return Expand(destination, path, rest, query);
        }

        return exactDestination ? destination : destination.TrimEnd('/') + (rest.StartsWith('/') ? rest : "/" + rest) + query;
    }

    /// <summary>A wildcard as IIS writes it (<c>*.php</c>, <c>/old/*</c>), matched against the whole path ignoring case.</summary>
    public static Regex CompileWildcard(string wildcard)
    {
        ArgumentNullException.ThrowIfNull(wildcard);
        var pattern = Regex.Escape(wildcard.StartsWith('/') || wildcard.StartsWith('*') ? wildcard : "*/" + wildcard).Replace("\\*", ".*", StringComparison.Ordinal);
        return new Regex("^" + pattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    private static string Expand(string target, string path, string rest, string query) =>
        target.Replace("$S", rest, StringComparison.Ordinal).Replace("$Q", query, StringComparison.Ordinal).Replace("$V", path, StringComparison.Ordinal);
}
