using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// The pure parts of reading a worker's HTTP/1.1 response head (RFC 9112 §4, §5): the status line, field
/// lines, and the chunk-size line of a chunked body. Field values are read as Latin-1, one byte per char,
/// so whatever bytes an app sends reach the client as sent. Anything malformed is refused: a front end
/// must not guess where a response ends.
/// </summary>
internal static class ResponseHeadParser
{
    private static readonly SearchValues<byte> TokenChars = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Parses <c>HTTP/1.x SSS reason</c>.</summary>
    /// <param name="line">The line without its CRLF.</param>
    /// <param name="minorVersion">0 or 1.</param>
    /// <param name="status">The three-digit status code.</param>
    /// <param name="reason">The reason phrase, possibly empty.</param>
    public static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int minorVersion, out int status, out string reason)
    {
        minorVersion = 0;
        status = 0;
        reason = "";
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' ' || line[7] is not ((byte)'0' or (byte)'1'))
        {
            return false;
        }

        minorVersion = line[7] - '0';
        if (!Utf8Parser.TryParse(line.Slice(9, 3), out status, out var consumed) || consumed != 3 || status < 100)
        {
            return false;
        }

        if (line.Length > 12)
        {
            if (line[12] != (byte)' ')
            {
                return false;
            }

            reason = Encoding.Latin1.GetString(line[13..]);
        }

        return true;
    }

    /// <summary>Parses <c>name: value</c>; the value without surrounding spaces and tabs.</summary>
    public static bool TryParseField(ReadOnlySpan<byte> line, out string name, out string value)
    {
        name = value = "";
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || line[..colon].IndexOfAnyExcept(TokenChars) >= 0)
        {
            return false;
        }

        var raw = line[(colon + 1)..].Trim(" \t"u8);
        if (raw.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
        {
            return false;
        }

        name = KnownName(line[..colon]) ?? Encoding.ASCII.GetString(line[..colon]);
        value = Encoding.Latin1.GetString(raw);
        return true;
    }

    /// <summary>Parses a chunk-size line (extensions ignored).</summary>
    public static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        var end = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
        var digits = end < 0 ? line : line[..end];
        size = 0;
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out ulong value, out var consumed, 'X') || consumed != digits.Length)
        {
            return false;
        }

        size = (long)value;
        return true;
    }

    /// <summary>The interned name of the headers every Kestrel response has, so they cost no allocation.</summary>
    private static string? KnownName(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("Date"u8) => "Date",
        6 when name.SequenceEqual("Server"u8) => "Server",
        12 when name.SequenceEqual("Content-Type"u8) => "Content-Type",
        14 when name.SequenceEqual("Content-Length"u8) => "Content-Length",
        17 when name.SequenceEqual("Transfer-Encoding"u8) => "Transfer-Encoding",
        _ => null,
    };
}
