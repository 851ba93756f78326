using System.Globalization;
using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Output;

/// <summary>
/// Names and creates stdout log files as ANCM does (iis-ancm.md §2.15): <c>&lt;prefix&gt;_&lt;yyyyMMddHHmmss&gt;_&lt;pid&gt;.log</c>,
/// UTC time, relative prefixes resolved against the app folder, folders created.
/// </summary>
/// <remarks>
/// ANCM writes the pid of the IIS worker process, one per app pool. Eyrie is one process for every app,
/// so that pid would repeat across workers started in the same second and one file would overwrite
/// another; the worker's own pid keeps every file distinct and says which process wrote it.
/// </remarks>
public static class StdoutLogFile
{
    public static string GetPath(string prefix, string appFolder, DateTimeOffset startedAtUtc, int processId)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var fullPrefix = Path.GetFullPath(WindowsPath.Normalize(prefix), appFolder);
        var stamp = startedAtUtc.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"{fullPrefix}_{stamp}_{processId.ToString(CultureInfo.InvariantCulture)}.log";
    }

    /// <summary>Creates (or truncates) the file, creating its folder. Throws IO errors to the caller.</summary>
    public static FileStream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }
}
