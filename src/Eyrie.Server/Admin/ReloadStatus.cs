namespace Eyrie.Server.Admin;

/// <summary>The last reload, as status output shows it.</summary>
public sealed record ReloadStatus(bool Applied, string Message, DateTimeOffset At);
