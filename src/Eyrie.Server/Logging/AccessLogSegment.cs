namespace Eyrie.Server.Logging;

/// <summary>Lines of a batch that go to one file: they share the settings and the period of the first one's time.</summary>
/// <param name="Offset">Where the segment starts in the batch.</param>
/// <param name="Time">The completion time of its first line.</param>
/// <param name="Settings">The settings its lines were formatted with.</param>
internal readonly record struct AccessLogSegment(int Offset, DateTimeOffset Time, AccessLogSettings Settings);
