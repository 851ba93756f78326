namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>system.webServer/httpProtocol</c>: headers added to every response, and to redirects.</summary>
/// <param name="AllowKeepAlive">False: every response closes its connection.</param>
/// <param name="CustomHeaders">Headers added to every response of the path.</param>
/// <param name="RedirectHeaders">Headers added to redirect (3xx) responses only.</param>
public sealed record HttpProtocolSection(bool? AllowKeepAlive, CollectionEdit<CustomHeader>? CustomHeaders, CollectionEdit<CustomHeader>? RedirectHeaders);
