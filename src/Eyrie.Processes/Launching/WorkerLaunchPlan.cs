namespace Eyrie.Processes.Launching;

/// <summary>Everything needed to start one worker, decided before it starts.</summary>
/// <param name="FileName">The program, resolved to a full path.</param>
/// <param name="Arguments">Its arguments, normalised for this OS.</param>
/// <param name="WorkingDirectory">The app folder.</param>
/// <param name="Environment">The complete environment of the worker.</param>
/// <param name="Port">The port the worker is told to listen on (ASPNETCORE_PORT).</param>
/// <param name="IsFixedPort">True when web.config fixed the port instead of Eyrie choosing one.</param>
/// <param name="Token">The pairing token (ASPNETCORE_TOKEN) sent as MS-ASPNETCORE-TOKEN.</param>
/// <param name="Note">How the program was found, when that was not plain (a Windows name, a fallback host).</param>
public sealed record WorkerLaunchPlan(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    int Port,
    bool IsFixedPort,
    string Token,
    string? Note)
{
    /// <summary>The command line as a user would type it, for logs and error pages.</summary>
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? argument : "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
