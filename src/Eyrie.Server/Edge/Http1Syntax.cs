using System.Buffers;

namespace Eyrie.Server.Edge;

/// <summary>Byte-level HTTP/1.1 syntax checks (RFC 9110/9112) used by <see cref="Http1RequestValidator"/>.</summary>
internal static class Http1Syntax
{
    /// <summary>tchar (RFC 9110 §5.6.2).</summary>
    internal static readonly SearchValues<byte> TokenBytes = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    internal static bool IsChunked(ReadOnlySpan<byte> value)
    {
        if (value.Length != 7)
        {
            return false;
        }

        Span<byte> lower = stackalloc byte[7];
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = (byte)(value[i] | 0x20);
        }

        return lower.SequenceEqual("chunked"u8);
    }

    internal static bool ContainsUpgradeToken(ReadOnlySpan<byte> value)
    {
        foreach (var range in value.Split((byte)','))
        {
            var token = value[range].Trim(" \t"u8);
            if (token.Length == 7 && IsUpgrade(token))
            {
                return true;
            }
        }

        return false;

        static bool IsUpgrade(ReadOnlySpan<byte> token)
        {
            for (var i = 0; i < token.Length; i++)
            {
                if ((byte)(token[i] | 0x20) != "upgrade"u8[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The last (up to) eight bytes of <paramref name="text"/> as one number, as the line readers keep them.</summary>
    internal static ulong Pack(ReadOnlySpan<byte> text)
    {
        ulong packed = 0;
        foreach (var b in text)
        {
            packed = (packed << 8) | b;
        }

        return packed;
    }

    internal static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    internal static bool IsTokenByte(byte b) => TokenBytes.Contains(b);

    /// <summary>qdtext or quoted-pair content: tab, space, visible ASCII and obs-text.</summary>
    internal static bool IsQuotedTextByte(byte b) => b == (byte)'\t' || b >= 0x20 && b != 0x7F;
}
