namespace Eyrie.Service;

/// <summary>How the running `eyrie` was started, to start it the same way from a unit file.</summary>
internal static class EyrieExecutable
{
    /// <summary>The program, and the dll when the dotnet host runs it (`dotnet eyrie.dll`), both absolute.</summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running program is not known");
        if (string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal))
        {
            return [process, typeof(EyrieExecutable).Assembly.Location];
        }

        // An apphost: a published `eyrie`, or the shim of `dotnet tool install`.
        return [process];
    }

    /// <summary>
    /// Where `dotnet` is, when the applications' `processPath="dotnet"` would not find it in systemd's default
    /// PATH; null when it would (or when there is no dotnet to point at).
    /// </summary>
    public static string? DotnetFolderOutsideDefaultPath()
    {
        if (SystemdUnit.DefaultSearchPath.Any(folder => File.Exists(Path.Combine(folder, "dotnet"))))
        {
            return null;
        }

        var process = Environment.ProcessPath;
        if (process is not null && string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal))
        {
            return Path.GetDirectoryName(process);
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "dotnet")));
    }
}
