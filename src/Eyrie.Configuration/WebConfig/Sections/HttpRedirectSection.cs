namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// IIS's <c>system.webServer/httpRedirect</c>: every request of the path is redirected to
/// <paramref name="Destination"/> (plus the rest of the path, unless <paramref name="ExactDestination"/>).
/// </summary>
/// <param name="ChildOnly">Redirect only requests for paths below the one configured, not for it.</param>
/// <param name="Wildcards">Redirects by wildcard, tried before <paramref name="Destination"/>.</param>
public sealed record HttpRedirectSection(bool? Enabled, string? Destination, bool? ExactDestination, bool? ChildOnly, RedirectResponseStatus? HttpResponseStatus, CollectionEdit<WildcardRedirect>? Wildcards);
