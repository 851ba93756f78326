using System.Runtime.InteropServices;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Resolves web.config's processPath as ANCM does (iis-ancm.md §1.1): relative to the app folder if that
/// file exists, otherwise on PATH. Beyond ANCM, on Linux it finds the dotnet host Eyrie itself runs on when
/// <c>dotnet</c> is not on PATH, and runs a Windows apphost (<c>.\MyApp.exe</c>) as <c>dotnet MyApp.dll</c>
/// when only the dll can run here.
/// </summary>
public static class ExecutableResolver
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <param name="processPath">The processPath, already expanded and normalised.</param>
    /// <param name="appFolder">The app's physical path.</param>
    /// <param name="environment">The worker's environment (its PATH is searched).</param>
    public static ResolvedExecutable Resolve(string processPath, string appFolder, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(processPath);
        ArgumentNullException.ThrowIfNull(environment);
        var isBareName = !processPath.Contains('/', StringComparison.Ordinal) && !processPath.Contains('\\', StringComparison.Ordinal);
        var candidate = Path.GetFullPath(processPath, appFolder);

        if (IsRunnable(candidate) && !IsWindowsExecutableOnUnix(candidate))
        {
            return new ResolvedExecutable(candidate, []);
        }

        if (isBareName)
        {
            if (SearchPath(processPath, environment) is { } onPath)
            {
                return new ResolvedExecutable(onPath, []);
            }

            if (IsDotnet(processPath) && FindDotnetHost(environment) is { } host)
            {
                return new ResolvedExecutable(host, [], $"'{processPath}' is not on PATH; using the dotnet host at {host}");
            }
        }

        if (!OperatingSystem.IsWindows() && candidate.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            var withoutExe = candidate[..^4];
            if (IsRunnable(withoutExe))
            {
                return new ResolvedExecutable(withoutExe, [], $"'{processPath}' is a Windows name; running {Path.GetFileName(withoutExe)}");
            }

            var dll = withoutExe + ".dll";
            if (File.Exists(dll) && FindDotnetHost(environment) is { } dotnet)
            {
                return new ResolvedExecutable(dotnet, [dll], $"'{processPath}' is a Windows apphost; running dotnet {Path.GetFileName(dll)}");
            }
        }

        throw new WorkerLaunchException(isBareName
            ? $"processPath '{processPath}' was found neither in the app folder nor on PATH"
            : File.Exists(candidate)
                ? $"processPath '{processPath}' resolves to '{candidate}', which is not executable (chmod +x?)"
                : $"processPath '{processPath}' resolves to '{candidate}', which does not exist");
    }

    /// <summary>The dotnet host: on PATH, else DOTNET_HOST_PATH, DOTNET_ROOT, or the one running Eyrie.</summary>
    public static string? FindDotnetHost(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (SearchPath(name, environment) is { } onPath)
        {
            return onPath;
        }

        var candidates = new List<string?>
        {
            environment.GetValueOrDefault("DOTNET_HOST_PATH"),
            environment.GetValueOrDefault("DOTNET_ROOT") is { Length: > 0 } root ? Path.Combine(root, name) : null,
            Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : null,
            // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", name)),
        };
        return candidates.FirstOrDefault(c => c is not null && IsRunnable(c));
    }

    private static string? SearchPath(string name, IReadOnlyDictionary<string, string> environment)
    {
        var path = EnvironmentExpander.Get(environment, "PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (Path.IsPathRooted(candidate) && IsRunnable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsDotnet(string name) =>
        name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || name.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase);

    private static bool IsWindowsExecutableOnUnix(string path) =>
        !OperatingSystem.IsWindows() && path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static bool IsRunnable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0;
    }
}
