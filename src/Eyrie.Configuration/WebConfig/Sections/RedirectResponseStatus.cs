namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>httpRedirect/@httpResponseStatus</c>.</summary>
public enum RedirectResponseStatus
{
    /// <summary>302, IIS's default.</summary>
    Found = 302,
    Permanent = 301,
    Temporary = 307,
    PermRedirect = 308,
}
