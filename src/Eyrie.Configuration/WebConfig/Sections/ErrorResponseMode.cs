namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>httpErrors/error/@responseMode</c>: how a custom error page is produced.</summary>
public enum ErrorResponseMode
{
    /// <summary>The contents of a file (a path relative to the app's folder).</summary>
    File,

    /// <summary>The response of a URL of the same app (a path such as <c>/errors/404</c>), with the error's status.</summary>
    ExecuteURL,

    /// <summary>A 302 redirect to a URL.</summary>
    Redirect,
}
