using System.Security.Cryptography;
using System.Text;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Paths;

/// <summary>
/// Where the admin API's Unix socket is: <c>admin.socket</c> from eyrie.json, else a name derived from the
/// configuration file's full path, so that `eyrie reload --config x.json` finds the Eyrie running x.json.
/// </summary>
public static class AdminSocketPath
{
    /// <param name="admin">The admin settings, if any.</param>
    /// <param name="identity">What identifies this Eyrie: the full path of eyrie.json, or the published folder for `eyrie host`.</param>
    /// <param name="baseDirectory">Folder that a relative admin.socket is relative to.</param>
    public static string Resolve(AdminConfig? admin, string identity, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (admin?.Socket is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured, baseDirectory);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        return Path.Combine(RuntimeFolder(), $"eyrie-{hash}.sock");
    }

    /// <summary>
    /// $RUNTIME_DIRECTORY when systemd set it (RuntimeDirectory=, a folder under /run: writable under
    /// ProtectSystem=strict and not hidden by PrivateTmp=), else $XDG_RUNTIME_DIR (per user, 0700), else a
    /// per-user folder under the temp folder.
    /// </summary>
    public static string RuntimeFolder()
    {
        // systemd lists every RuntimeDirectory= of the unit, separated by ':'; the first is the service's own.
        var service = Environment.GetEnvironmentVariable("RUNTIME_DIRECTORY")?.Split(':')[0];
        if (!string.IsNullOrEmpty(service) && Directory.Exists(service))
        {
            return service;
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Directory.Exists(runtime))
        {
            return runtime;
        }

        return Path.Combine(Path.GetTempPath(), "eyrie-" + Environment.UserName);
    }

    /// <summary>
    /// The derived socket of an Eyrie that systemd runs, which lives in the service's runtime folder under /run
    /// (see <see cref="RuntimeFolder"/>) rather than in the caller's own; null when there is none.
    /// </summary>
    public static string? FindInServiceFolders(string derivedPath, string runRoot = "/run")
    {
        ArgumentNullException.ThrowIfNull(derivedPath);
        var name = Path.GetFileName(derivedPath);
        try
        {
            return Directory.Exists(runRoot) ? Directory.EnumerateDirectories(runRoot).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
