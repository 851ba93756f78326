using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;
using Eyrie.Configuration.Model;

namespace Eyrie.Server.Logging;

/// <summary>
/// Writes one W3C extended log line, UTF-8, as IIS does: fields separated by one space, a missing or empty value
/// written '-', and spaces (and, so that a line stays one line, control characters) written '+'.
/// </summary>
public static class W3CLineFormatter
{
    /// <summary>Longer values are cut, so that one request cannot make a line of unbounded size.</summary>
    public const int MaxFieldLength = 4096;

    private static readonly string ComputerName = Environment.MachineName;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<LogExtFileFlag> fields, in AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                WriteByte(output, (byte)' ');
            }

            WriteField(output, fields[i], entry);
        }

        WriteByte(output, (byte)W3CFields.NewLine);
    }

    private static void WriteField(IBufferWriter<byte> output, LogExtFileFlag field, in AccessLogEntry entry)
    {
        switch (field)
        {
            case LogExtFileFlag.Date:
                WriteDate(output, entry.Time.UtcDateTime);
                break;
            case LogExtFileFlag.Time:
                WriteTime(output, entry.Time.UtcDateTime);
                break;
            case LogExtFileFlag.SiteName:
                WriteText(output, entry.SiteName);
                break;
            case LogExtFileFlag.ComputerName:
                WriteText(output, ComputerName);
                break;
            case LogExtFileFlag.ServerIP:
                WriteAddress(output, entry.ServerAddress);
                break;
            case LogExtFileFlag.Method:
                WriteText(output, entry.Method);
                break;
            case LogExtFileFlag.UriStem:
                WriteText(output, entry.UriStem);
                break;
            case LogExtFileFlag.UriQuery:
                WriteText(output, entry.UriQuery is ['?', ..] query ? query.AsSpan(1) : entry.UriQuery);
                break;
            case LogExtFileFlag.ServerPort:
                WriteNumber(output, entry.ServerPort);
                break;
            case LogExtFileFlag.UserName:
                WriteText(output, entry.UserName);
                break;
            case LogExtFileFlag.ClientIP:
                WriteAddress(output, entry.ClientAddress);
                break;
            case LogExtFileFlag.ProtocolVersion:
                WriteText(output, entry.ProtocolVersion);
                break;
            case LogExtFileFlag.UserAgent:
                WriteText(output, entry.UserAgent);
                break;
            case LogExtFileFlag.Cookie:
                WriteText(output, entry.Cookie);
                break;
            case LogExtFileFlag.Referer:
                WriteText(output, entry.Referer);
                break;
            case LogExtFileFlag.Host:
                WriteText(output, entry.Host);
                break;
            case LogExtFileFlag.HttpStatus:
                WriteNumber(output, entry.Status);
                break;
            case LogExtFileFlag.HttpSubStatus:
                WriteNumber(output, entry.SubStatus);
                break;
            case LogExtFileFlag.Win32Status:
                WriteNumber(output, entry.Win32Status);
                break;
            case LogExtFileFlag.BytesSent:
                WriteOptionalNumber(output, entry.BytesSent);
                break;
            case LogExtFileFlag.BytesRecv:
                WriteOptionalNumber(output, entry.BytesReceived);
                break;
            case LogExtFileFlag.TimeTaken:
                WriteNumber(output, entry.TimeTakenMilliseconds);
                break;
            default:
                WriteByte(output, (byte)'-');
                break;
        }
    }

    private static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            WriteByte(output, (byte)'-');
            return;
        }

        if (text.Length > MaxFieldLength)
        {
            text = text[..MaxFieldLength];
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        foreach (ref var b in span[..written])
        {
            if (b <= (byte)' ' || b == 0x7F)
            {
                b = (byte)'+';
            }
        }

        output.Advance(written);
    }

    private static void WriteAddress(IBufferWriter<byte> output, IPAddress? address)
    {
        if (address is null)
        {
            WriteByte(output, (byte)'-');
            return;
        }

        // A dual-stack socket sees an IPv4 client as ::ffff:a.b.c.d; IIS logs a.b.c.d.
        Span<byte> text = stackalloc byte[64];
        if (!address.TryFormat(text, out var length))
        {
            WriteByte(output, (byte)'-');
            return;
        }

        var value = text[..length];
        if (address.IsIPv4MappedToIPv6 && value.LastIndexOf((byte)':') is var colon and >= 0)
        {
            value = value[(colon + 1)..];
        }

        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    private static void WriteOptionalNumber(IBufferWriter<byte> output, long? value)
    {
        if (value is { } number)
        {
            WriteNumber(output, number);
        }
        else
        {
            WriteByte(output, (byte)'-');
        }
    }

    private static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    private static void WriteDate(IBufferWriter<byte> output, DateTime utc)
    {
        var span = output.GetSpan(10);
        WriteDigits(span, utc.Year, 4);
        span[4] = (byte)'-';
        WriteDigits(span[5..], utc.Month, 2);
        span[7] = (byte)'-';
        WriteDigits(span[8..], utc.Day, 2);
        output.Advance(10);
    }

    private static void WriteTime(IBufferWriter<byte> output, DateTime utc)
    {
        var span = output.GetSpan(8);
        WriteDigits(span, utc.Hour, 2);
        span[2] = (byte)':';
        WriteDigits(span[3..], utc.Minute, 2);
        span[5] = (byte)':';
        WriteDigits(span[6..], utc.Second, 2);
        output.Advance(8);
    }

    private static void WriteDigits(Span<byte> destination, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
