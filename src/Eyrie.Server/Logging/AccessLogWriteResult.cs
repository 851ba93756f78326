namespace Eyrie.Server.Logging;

/// <summary>What became of a segment of lines: how many of its bytes (whole lines) are in a file, and why the rest are not.</summary>
/// <param name="Kept">The bytes written, always whole lines.</param>
/// <param name="Error">Why the rest could not be written (disk full, no permission), or null when all were.</param>
internal readonly record struct AccessLogWriteResult(int Kept, Exception? Error);
