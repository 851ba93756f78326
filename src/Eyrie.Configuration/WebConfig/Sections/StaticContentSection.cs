using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// IIS's <c>system.webServer/staticContent</c> in a web.config: content types (a <c>&lt;remove&gt;</c> of a
/// built-in one makes its files 404.3) and client caching, for the files Eyrie serves below the app.
/// </summary>
public sealed record StaticContentSection(CollectionEdit<MimeMapConfig> MimeMaps, ClientCacheConfig? ClientCache);
