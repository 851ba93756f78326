namespace Eyrie.Server.Admin;

/// <summary>A virtual directory as status output shows it, with its traffic.</summary>
public sealed record VirtualDirectoryStatus(string Path, string PhysicalPath, long Requests, double RequestsPerSecond, double AverageMilliseconds);
