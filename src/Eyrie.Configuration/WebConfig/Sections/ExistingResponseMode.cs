namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>httpErrors/@existingResponse</c>: what happens to an error response that already has a body.</summary>
public enum ExistingResponseMode
{
    /// <summary>IIS's default: the app's error responses and the ASP.NET Core Module's own pages are kept; the server's errors get custom pages.</summary>
    Auto,

    /// <summary>Every error with a custom page gets it, the app's error responses included.</summary>
    Replace,

    /// <summary>No custom pages for responses that have a body, which is all of them.</summary>
    PassThrough,
}
