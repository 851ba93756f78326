namespace Eyrie.Server.Admin;

/// <summary>The answer of an action on an application (recycle, start, stop) that succeeded.</summary>
public sealed record ActionResponse(string Application, string Status, string Message);
