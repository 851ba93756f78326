using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Pools;

/// <summary>Sorts the changes of an app folder (paths relative to it): which ones mean a new version of the app.</summary>
internal static class AppFileFilter
{
    public static AppFileChange Classify(string relativePath, AspNetCoreSettings? settings)
    {
        if (relativePath.Length == 0)
        {
            // Events were lost: assume the worst.
            return AppFileChange.Deploy;
        }

        var path = relativePath.Replace('\\', '/');
        if (path.Equals("web.config", StringComparison.OrdinalIgnoreCase))
        {
            return AppFileChange.WebConfig;
        }

        if (path.StartsWith("wwwroot/", StringComparison.OrdinalIgnoreCase) || path.Equals("wwwroot", StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".log", StringComparison.OrdinalIgnoreCase) || IsStdoutLog(path, settings))
        {
            return AppFileChange.None;
        }

        return AppFileChange.Deploy;
    }

    /// <summary>The app's stdout log files, <c>&lt;stdoutLogFile&gt;_…</c>, and their folder.</summary>
    private static bool IsStdoutLog(string path, AspNetCoreSettings? settings)
    {
        if (settings is null)
        {
            return false;
        }

        var prefix = WindowsPath.Normalize(settings.StdoutLogFile).Replace('\\', '/');
        prefix = prefix.StartsWith("./", StringComparison.Ordinal) ? prefix[2..] : prefix.TrimStart('/');
        var folder = Path.GetDirectoryName(prefix)?.Replace('\\', '/') ?? "";
        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || (folder.Length > 0 && path.Equals(folder, StringComparison.OrdinalIgnoreCase));
    }
}
