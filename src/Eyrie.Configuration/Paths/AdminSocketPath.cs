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

    /// <summary>$XDG_RUNTIME_DIR (per user, 0700) when set, else a per-user folder under the temp folder.</summary>
    public static string RuntimeFolder()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Directory.Exists(runtime))
        {
            return runtime;
        }

        return Path.Combine(Path.GetTempPath(), "eyrie-" + Environment.UserName);
    }
}
