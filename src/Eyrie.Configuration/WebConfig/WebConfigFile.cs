namespace Eyrie.Configuration.WebConfig;

/// <summary>What Eyrie read from one web.config.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="AspNetCore">The settings from its <c>&lt;aspNetCore&gt;</c> element over IIS defaults, or null without one.</param>
/// <param name="Locations">Its <c>system.webServer</c> sections, per path (the app root first when it has any).</param>
public sealed record WebConfigFile(string Path, AspNetCoreSettings? AspNetCore, IReadOnlyList<WebConfigLocation> Locations);
