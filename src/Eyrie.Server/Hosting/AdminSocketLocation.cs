namespace Eyrie.Server.Hosting;

/// <summary>Where this Eyrie's admin API listens.</summary>
public sealed record AdminSocketLocation(string Path);
