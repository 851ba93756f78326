namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>system.webServer/defaultDocument</c> in a web.config; its files are added before the inherited ones, as IIS does.</summary>
public sealed record DefaultDocumentSection(bool? Enabled, CollectionEdit<string>? Files);
