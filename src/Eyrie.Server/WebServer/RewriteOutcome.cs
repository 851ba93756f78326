namespace Eyrie.Server.WebServer;

/// <summary>What the URL rewrite rules did to a request.</summary>
public enum RewriteOutcome
{
    Unchanged,

    /// <summary>The path or query string changed; the request goes on with the new URL.</summary>
    Rewritten,

    /// <summary>A rule answered (Redirect, CustomResponse) or aborted the request.</summary>
    Ended,
}
