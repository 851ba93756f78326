namespace Eyrie.Configuration.Import;

/// <summary>A physical path as written to eyrie.json, and how it was obtained.</summary>
/// <param name="Value">The path to write.</param>
/// <param name="Action">Mapped (by --path-map, or already a Linux path) or Changed (still a Windows path).</param>
/// <param name="Message">What was done, for the report.</param>
public sealed record MappedPath(string Value, ImportAction Action, string Message);
