using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// Copies a worker's response header fields into Kestrel's response, minus the hop-by-hop ones, and works out
/// from them how the body is framed and whether the connection stays open (RFC 9112 §6.3, §9.3).
/// </summary>
internal static class ResponseHeadCopier
{
    /// <param name="fields">The field lines after the status line, CRLF-separated, without the empty line.</param>
    /// <param name="response">Kestrel's response.</param>
    /// <param name="minorVersion">The response's HTTP/1.x version: 1.0 closes unless it says keep-alive.</param>
    /// <param name="forwardConnection">handlerSettings forwardResponseConnectionHeader: pass Connection on.</param>
    /// <param name="framing">The body's framing and the connection's fate.</param>
    /// <returns>Null, or what is wrong with the head.</returns>
    public static string? Copy(ReadOnlySpan<byte> fields, HttpResponse response, int minorVersion, bool forwardConnection, out ResponseFraming framing)
    {
        long? contentLength = null;
        var chunked = false;
        var transferEncoded = false;
        var close = minorVersion == 0;
        framing = default;
        while (!fields.IsEmpty)
        {
            var end = fields.IndexOf("\r\n"u8);
            var line = end < 0 ? fields : fields[..end];
            fields = end < 0 ? [] : fields[(end + 2)..];
            if (!ResponseHeadParser.TryParseField(line, out var name, out var value))
            {
                return "The application sent a malformed response header line.";
            }

            if (name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || (contentLength is { } earlier && earlier != parsed))
                {
                    return $"The application sent an invalid Content-Length '{value}'.";
                }

                contentLength = parsed;
            }
            else if (name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase))
            {
                transferEncoded = true;
                chunked = value.AsSpan().TrimEnd().EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase))
            {
                close |= value.Contains("close", StringComparison.OrdinalIgnoreCase);
                close &= minorVersion == 1 || !value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
                if (forwardConnection)
                {
                    response.Headers.Connection = value;
                }
            }
            else if (!HopByHopHeaders.Contains(name))
            {
                response.Headers.Append(name, value);
            }
        }

        framing = new ResponseFraming(contentLength, transferEncoded, chunked, close);
        return null;
    }
}
