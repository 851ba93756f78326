namespace Eyrie.Processes.Launching;

/// <summary>
/// Normalises the Windows-style relative paths that <c>dotnet publish</c> writes into web.config
/// (<c>.\MyApp.dll</c>, <c>.\logs\stdout</c>) for a Unix file system.
/// </summary>
public static class WindowsPath
{
    /// <summary>Backslashes become slashes; <c>.\x</c> becomes <c>./x</c>. Leaves other text unchanged on Windows.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return OperatingSystem.IsWindows() ? path : path.Replace('\\', '/');
    }

    /// <summary>
    /// Normalises one command-line argument if it is a path: always for <c>.\</c> and <c>..\</c> prefixes,
    /// otherwise only if the normalised form names an existing file or folder under <paramref name="baseFolder"/>
    /// (so an argument such as a regular expression keeps its backslashes).
    /// </summary>
    public static string NormalizeArgument(string argument, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (OperatingSystem.IsWindows() || !argument.Contains('\\', StringComparison.Ordinal))
        {
            return argument;
        }

        var candidate = argument.Replace('\\', '/');
        if (argument.StartsWith(@".\", StringComparison.Ordinal) || argument.StartsWith(@"..\", StringComparison.Ordinal))
        {
            return candidate;
        }

        var full = Path.Combine(baseFolder, candidate);
        return File.Exists(full) || Directory.Exists(full) ? candidate : argument;
    }
}
