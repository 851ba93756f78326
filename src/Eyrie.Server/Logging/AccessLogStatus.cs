namespace Eyrie.Server.Logging;

/// <summary>A site's access log now, for the admin API.</summary>
/// <param name="Site">The site's name.</param>
/// <param name="Directory">The site's log folder.</param>
/// <param name="CurrentFile">The file written last, or null before the first line.</param>
/// <param name="LinesWritten">Lines written since Eyrie started.</param>
/// <param name="LinesDropped">Lines lost since Eyrie started: the buffer was full or the disk refused them.</param>
public sealed record AccessLogStatus(string Site, string Directory, string? CurrentFile, long LinesWritten, long LinesDropped);
