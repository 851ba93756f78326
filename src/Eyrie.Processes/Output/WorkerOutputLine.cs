namespace Eyrie.Processes.Output;

/// <summary>One line a worker wrote to stdout or stderr.</summary>
/// <param name="Application">The application, <c>site/path</c>.</param>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="Text">The line, without its end.</param>
/// <param name="At">When Eyrie read it.</param>
public sealed record WorkerOutputLine(string Application, int ProcessId, string Text, DateTimeOffset At);
