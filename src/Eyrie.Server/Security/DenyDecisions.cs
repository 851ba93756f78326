using Eyrie.Configuration.Model.Security;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.Security;

/// <summary>The answer of a deny action, with IIS's sub-status (403.503, 401.501, …).</summary>
internal static class DenyDecisions
{
    public static SecurityDecision For(DenyAction action, int subStatus) => action switch
    {
        DenyAction.Unauthorized => SecurityDecision.Deny(StatusCodes.Status401Unauthorized, subStatus),
        DenyAction.NotFound => SecurityDecision.Deny(StatusCodes.Status404NotFound, subStatus),
        DenyAction.AbortRequest => new SecurityDecision(0, subStatus, Abort: true),
        _ => SecurityDecision.Deny(StatusCodes.Status403Forbidden, subStatus),
    };
}
