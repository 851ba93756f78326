using System.Globalization;

namespace Eyrie.TestBackend;

/// <summary>The startup switches of the test backend, read from environment variables.</summary>
/// <param name="StartGate">A file to wait for before listening: a test holds the start as long as it needs.</param>
internal sealed record BackendSwitches(TimeSpan StartDelay, string? StartGate, int? ExitCode, bool NeverListen, bool IgnoreShutdown, string Version)
{
    public static BackendSwitches FromEnvironment() => new(
        TimeSpan.FromMilliseconds(Number("TESTBACKEND_START_DELAY_MS") ?? 0),
        Environment.GetEnvironmentVariable("TESTBACKEND_START_GATE"),
        Number("TESTBACKEND_EXIT_CODE"),
        Flag("TESTBACKEND_NEVER_LISTEN"),
        Flag("TESTBACKEND_IGNORE_SHUTDOWN"),
        VersionFile() ?? Environment.GetEnvironmentVariable("TESTBACKEND_VERSION") ?? "1");

    /// <summary>version.txt beside the app, as a deploy that copies a new build over the old one would change it.</summary>
    private static string? VersionFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "version.txt");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Flag(string name) => Environment.GetEnvironmentVariable(name) is "1" or "true";
}
