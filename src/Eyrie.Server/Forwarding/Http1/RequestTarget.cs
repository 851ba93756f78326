using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// The request target sent to a worker: the edge's decoded path escaped again by YARP's rule (every char
/// outside RFC 3986's pchar set and '/', '%' included, becomes UTF-8 percent-escapes), then the query as the
/// client sent it. Same bytes as the YARP path, without building a <see cref="Uri"/> for the usual request.
/// </summary>
internal static class RequestTarget
{
    private const string HexUpper = "0123456789ABCDEF";

    private static readonly SearchValues<char> PathChars =
        SearchValues.Create("!$&'()*+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    /// <summary>What a query may hold for <see cref="Uri"/> to leave it as is: pchar, '/', '?' and well-formed escapes.</summary>
    private static readonly SearchValues<char> QueryChars =
        SearchValues.Create("!$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~%");

    public static string Of(PathString path, QueryString query)
    {
        var value = path.HasValue ? path.Value! : "/";
        var firstEscape = value.AsSpan().IndexOfAnyExcept(PathChars);
        if (firstEscape >= 0)
        {
            value = Escape(value, firstEscape);
        }

        if (!query.HasValue)
        {
            return value;
        }

        // A query is forwarded as the client sent it; the rare one with bytes Uri would escape goes through Uri, as YARP's does.
        return IsPlain(query.Value!)
            ? value + query.Value
            : RequestUtilities.MakeDestinationAddress("http://localhost/", path, query).PathAndQuery;
    }

    private static bool IsPlain(string query)
    {
        var span = query.AsSpan(1);
        if (span.IndexOfAnyExcept(QueryChars) >= 0)
        {
            return false;
        }

        for (var i = span.IndexOf('%'); i >= 0; i = span.IndexOf('%'))
        {
            if (i + 2 >= span.Length || !char.IsAsciiHexDigit(span[i + 1]) || !char.IsAsciiHexDigit(span[i + 2]))
            {
                return false;
            }

            span = span[(i + 3)..];
        }

        return true;
    }

    private static string Escape(string path, int firstEscape)
    {
        var builder = new StringBuilder(path.Length + 16);
        builder.Append(path, 0, firstEscape);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = firstEscape; i < path.Length; i++)
        {
            if (PathChars.Contains(path[i]))
            {
                builder.Append(path[i]);
                continue;
            }

            var length = char.IsHighSurrogate(path[i]) && i + 1 < path.Length
                ? Encoding.UTF8.GetBytes(path.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(path.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return builder.ToString();
    }
}
