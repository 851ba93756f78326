using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Security;

/// <summary>
/// Request rules Kestrel does not enforce at an edge's strictness (hardening.md §1.3, §7), for every protocol:
/// the request target holds no space or control character (HTTP/2's :path may); header names are tokens
/// (HTTP/2 lets a space or colon through); values hold no control character but tab; Content-Length is one
/// run of digits; Transfer-Encoding is exactly <c>chunked</c> on HTTP/1.1 and absent elsewhere; HTTP/2 and 3
/// carry no connection-specific header (RFC 9113 §8.2.2) and TE only as <c>trailers</c>.
/// </summary>
public static class HeaderPolicy
{
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> ControlChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly SearchValues<char> TargetRefused = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u0020\u007F");

    /// <summary>Headers that belong to one HTTP/1.1 connection and make an HTTP/2 or HTTP/3 request malformed.</summary>
    private static readonly string[] ConnectionSpecific = [HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.ProxyConnection, HeaderNames.TransferEncoding, HeaderNames.Upgrade];

    /// <summary>Null if the request line and headers are acceptable, else why not.</summary>
    public static string? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not null && target.AsSpan().ContainsAny(TargetRefused))
        {
            return "space or control character in the request target";
        }

        foreach (var (name, values) in request.Headers)
        {
            if (name.Length == 0 || name.AsSpan().IndexOfAnyExcept(TokenChars) >= 0)
            {
                // HTTP/2 pseudo-headers never appear here; anything else must be a token.
                return $"invalid header name '{name}'";
            }

            foreach (var value in values)
            {
                if (value is not null && value.AsSpan().IndexOfAny(ControlChars) >= 0)
                {
                    return $"control character in header '{name}'";
                }
            }
        }

        var headers = request.Headers;
        if (headers.TryGetValue(HeaderNames.ContentLength, out var contentLength) &&
            (contentLength.Count != 1 || contentLength[0] is not { Length: > 0 and <= 19 } text || text.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            return "Content-Length must be one run of digits";
        }

        if (HttpProtocol.IsHttp2(request.Protocol) || HttpProtocol.IsHttp3(request.Protocol))
        {
            foreach (var name in ConnectionSpecific)
            {
                if (headers.ContainsKey(name))
                {
                    return $"{name} is not allowed in {request.Protocol}";
                }
            }

            return headers.TryGetValue(HeaderNames.TE, out var te) && !string.Equals(te.ToString(), "trailers", StringComparison.OrdinalIgnoreCase)
                ? $"TE other than trailers is not allowed in {request.Protocol}"
                : null;
        }

        if (headers.TryGetValue(HeaderNames.TransferEncoding, out var transferEncoding))
        {
            if (!HttpProtocol.IsHttp11(request.Protocol))
            {
                return $"Transfer-Encoding is not allowed in {request.Protocol}";
            }

            if (transferEncoding.Count != 1 || !string.Equals(transferEncoding[0]?.Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                return "Transfer-Encoding must be exactly chunked";
            }
        }

        return null;
    }
}
