namespace Eyrie.Server.Errors;

/// <summary>Who produced an error answer, in IIS's terms: it decides whether <c>httpErrors</c> custom pages replace it.</summary>
public enum ErrorOrigin
{
    /// <summary>The server itself (request filtering, IP restrictions, static files, not found): custom pages apply.</summary>
    Server,

    /// <summary>The ASP.NET Core Module or ARR (502.3, 502.5, …): their pages are kept unless <c>existingResponse="Replace"</c>.</summary>
    Module,

    /// <summary>Answers custom pages never replace: HTTP.sys's (a stopped pool's 503, a full queue) and 500.19, whose configuration is the broken one.</summary>
    Fixed,
}
