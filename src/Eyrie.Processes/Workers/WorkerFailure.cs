namespace Eyrie.Processes.Workers;

/// <summary>A failed attempt to get a ready worker, with what the 502.5 page and the log need to explain it.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">One sentence on what happened.</param>
/// <param name="CommandLine">The command line that was run, if it got that far.</param>
/// <param name="ExitCode">The exit code, if the process exited.</param>
/// <param name="Output">The last output of the process (up to 30,000 characters), if any.</param>
/// <param name="At">When it happened.</param>
public sealed record WorkerFailure(WorkerFailureKind Kind, string Message, string? CommandLine, int? ExitCode, string? Output, DateTimeOffset At);
