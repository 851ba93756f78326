using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.WebConfig;

/// <summary>The security sections a web.config sets for a path of its app (<c>/</c> for the app itself).</summary>
/// <param name="Path">The path below the app, from <c>&lt;location path&gt;</c>: <c>/</c>, <c>/admin</c>.</param>
public sealed record WebConfigLocation(string Path, RequestFilteringConfig? RequestFiltering, IpSecurityConfig? IpSecurity, DynamicIpSecurityConfig? DynamicIpSecurity);
