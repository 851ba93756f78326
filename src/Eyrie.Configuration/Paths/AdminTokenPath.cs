using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Paths;

/// <summary>
/// Where the admin listener's bearer token is kept: <c>admin.tokenFile</c> (relative to eyrie.json's folder),
/// else beside the admin socket. Shared by Eyrie, which creates it, and `eyrie dashboard`, which reads it.
/// </summary>
public static class AdminTokenPath
{
    public static string Resolve(AdminConfig? admin, string socketPath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        return admin?.TokenFile is { Length: > 0 } configured ? Path.GetFullPath(configured, baseDirectory) : socketPath + ".token";
    }
}
