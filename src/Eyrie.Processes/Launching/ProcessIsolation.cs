namespace Eyrie.Processes.Launching;

/// <summary>
/// How a worker is detached from Eyrie's terminal and tied to Eyrie's life. On Linux, with util-linux
/// present: <c>setsid</c> puts the worker in its own session and process group (so Ctrl+C in Eyrie's
/// terminal reaches only Eyrie, which then stops workers gracefully, and a stop can signal the whole
/// group), and <c>setpriv --pdeathsig KILL</c> makes the kernel kill the worker if Eyrie is killed. Both
/// exec in place, so the worker keeps the pid Eyrie started.
/// </summary>
public sealed record ProcessIsolation(string? SetsidPath, string? SetprivPath)
{
    private static readonly string[] SystemFolders = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    public static ProcessIsolation None { get; } = new(null, null);

    /// <summary>True when workers are group leaders, so signals go to the whole group.</summary>
    public bool UsesProcessGroups => SetsidPath is not null;

    public bool HasParentDeathSignal => SetprivPath is not null;

    public static ProcessIsolation Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return None;
        }

        return new ProcessIsolation(Find("setsid"), Find("setpriv"));

        static string? Find(string name) =>
            SystemFolders.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>The program and leading arguments that wrap <paramref name="fileName"/>.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName)
    {
        var arguments = new List<string>();
        string program;
        if (SetsidPath is not null)
        {
            program = SetsidPath;
            if (SetprivPath is not null)
            {
                arguments.AddRange([SetprivPath, "--pdeathsig", "KILL", "--"]);
            }
        }
        else if (SetprivPath is not null)
        {
            program = SetprivPath;
            arguments.AddRange(["--pdeathsig", "KILL", "--"]);
        }
        else
        {
            return (fileName, []);
        }

        arguments.Add(fileName);
        return (program, arguments);
    }
}
