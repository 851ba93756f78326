using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.Errors;

/// <summary>
/// The pages of requests refused by request filtering and IP restrictions, as IIS's default
/// <c>errorMode="DetailedLocalOnly"</c> gives them: a client on this machine sees the sub-status and its reason
/// (<c>HTTP Error 404.7 - Not Found</c>); a remote client sees only the status, so that the page does not
/// tell an attacker which rule stopped it.
/// </summary>
internal static class DenialPages
{
    public static Task WriteAsync(HttpContext context, int status, int subStatus)
    {
        var local = ErrorPages.IsLocal(context);
        var name = status switch
        {
            StatusCodes.Status401Unauthorized => "Unauthorized",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status413PayloadTooLarge => "Request Entity Too Large",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request Header Fields Too Large",
            _ => "Not Found",
        };
        return local
            ? ErrorPages.WriteAsync(context, status, $"HTTP Error {status}.{subStatus} - {name}", Reason(status, subStatus))
            : ErrorPages.WriteAsync(context, status, $"{status} - {name}", "The request was refused.");
    }

    private static string Reason(int status, int subStatus) => (status, subStatus) switch
    {
        (404, 5) => "The request filtering module is configured to deny a sequence in the URL (denyUrlSequences).",
        (404, 6) => "The request filtering module is configured to deny the HTTP verb (verbs).",
        (404, 7) => "The request filtering module is configured to deny the file extension (fileExtensions).",
        (404, 8) => "The request filtering module is configured to deny a segment of the URL (hiddenSegments).",
        (404, 11) => "The request filtering module is configured to deny a double-escaped URL (allowDoubleEscaping).",
        (404, 12) => "The request filtering module is configured to deny high-bit characters in the URL (allowHighBitCharacters).",
        (404, 14) => "The URL is longer than requestLimits/@maxUrl allows.",
        (404, 15) => "The query string is longer than requestLimits/@maxQueryString allows.",
        (404, 18) => "The request filtering module is configured to deny a sequence in the query string (denyQueryStringSequences).",
        (404, 19) => "A request filtering rule denied the request (filteringRules).",
        (404, 20) => "The URL has more segments than limits/@maxUrlSegments allows.",
        (413, _) => "The request body is larger than requestLimits/@maxAllowedContentLength allows.",
        (431, _) => "A request header is larger than requestLimits/headerLimits allows.",
        (_, 501) => "The client has more concurrent requests than dynamicIpSecurity/denyByConcurrentRequests allows.",
        (_, 502) => "The client has sent more requests than dynamicIpSecurity/denyByRequestRate allows.",
        (_, 503) => "The client's IP address is denied by ipSecurity.",
        _ => "The request was refused.",
    };
}
