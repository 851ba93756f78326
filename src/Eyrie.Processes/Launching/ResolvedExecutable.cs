namespace Eyrie.Processes.Launching;

/// <summary>The program to run, arguments to put before the app's own, and a note on how it was found.</summary>
public sealed record ResolvedExecutable(string FileName, IReadOnlyList<string> PrefixArguments, string? Note = null);
