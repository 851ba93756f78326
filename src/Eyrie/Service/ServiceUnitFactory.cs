using Eyrie.Configuration;
using Eyrie.Server.Hosting;

namespace Eyrie.Service;

/// <summary>Turns a validated configuration and what is known of the machine into the settings of Eyrie's unit.</summary>
internal static class ServiceUnitFactory
{
    /// <summary>On top of Eyrie's own shutdown budget, so that systemd never cuts short a stop that Eyrie would finish.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(10);

    /// <param name="eyrie">The program (and dll) that runs Eyrie, absolute.</param>
    /// <param name="dotnetFolder">Where `dotnet` is when systemd's default PATH does not have it; null otherwise.</param>
    /// <param name="home">The service user's home, if known.</param>
    public static ServiceUnitSettings Create(
        LoadedConfig loaded,
        string name,
        IReadOnlyList<string> eyrie,
        int systemdVersion,
        string? user = null,
        string? group = null,
        string? dotnetFolder = null,
        string? home = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(eyrie);
        var configFile = loaded.FilePath ?? throw new ArgumentException("the configuration must come from a file", nameof(loaded));
        var configFolder = Path.GetDirectoryName(configFile)!;

        var writable = new List<string> { configFolder };
        writable.AddRange(loaded.Config.Sites.SelectMany(s => s.Applications)
            .Where(a => a.PhysicalPath is not null)
            .Select(a => loaded.ResolvePath(a.PhysicalPath!)));
        if (loaded.Config.Admin?.Socket is { Length: > 0 } socket)
        {
            writable.Add(Path.GetDirectoryName(loaded.ResolvePath(socket))!);
        }

        if (loaded.Config.Admin?.TokenFile is { Length: > 0 } tokenFile)
        {
            // Eyrie creates the admin token file when it is missing.
            writable.Add(Path.GetDirectoryName(loaded.ResolvePath(tokenFile))!);
        }

        if (home is not null)
        {
            writable.Add(home);
        }

        var writableFolders = Outermost(writable);
        var served = loaded.Config.Sites.SelectMany(s => s.VirtualDirectories).Select(v => loaded.ResolvePath(v.PhysicalPath));
        var underTmp = writableFolders.Where(f => f != home).Concat(served).Any(f => IsAtOrInside(f, "/tmp") || IsAtOrInside(f, "/var/tmp"));
        return new ServiceUnitSettings(
            name,
            [.. eyrie, "serve", "--config", configFile],
            configFile,
            configFolder,
            writableFolders,
            ShutdownBudget.For(loaded) + StopMargin,
            systemdVersion,
            user,
            group,
            dotnetFolder is null ? null : string.Join(':', SystemdUnit.DefaultSearchPath.Prepend(dotnetFolder)),
            PrivateTmp: !underTmp);
    }

    /// <summary>Each folder once, in order, leaving out any inside another one of the list.</summary>
    private static List<string> Outermost(List<string> folders)
    {
        var trimmed = folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal).ToList();
        return trimmed.Where(f => !trimmed.Any(other => other != f && IsInside(f, other))).ToList();
    }

    private static bool IsAtOrInside(string folder, string parent) => folder == parent || IsInside(folder, parent);

    private static bool IsInside(string folder, string parent) =>
        parent == "/" || folder.StartsWith(parent + "/", StringComparison.Ordinal);
}
