namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>An <c>httpRedirect/add</c> entry: requests whose path matches <paramref name="Wildcard"/> (<c>*.php</c>) go to <paramref name="Destination"/>.</summary>
public sealed record WildcardRedirect(string Wildcard, string Destination);
