namespace Eyrie.Server.Edge;

/// <summary>The chunked body: chunk-size lines with their extensions, chunk data and the CRLF after it.</summary>
public sealed partial class Http1RequestValidator
{
    /// <summary>Longest chunk-size line (size and extensions) accepted; Kestrel allows extensions of any length.</summary>
    private const int MaxChunkLine = 4096;

    /// <summary>Kestrel reads a chunk size into an <see cref="int"/>; a larger one fails inside the app as a 500.</summary>
    private const long MaxChunkSize = int.MaxValue;

    // The chunk being read.
    private long _remaining;
    private int _hexDigits;
    private bool _inExtension;
    private ExtensionPart _extension;

    private enum ExtensionPart
    {
        /// <summary>Right after ';': a name must follow.</summary>
        NameStart,
        Name,

        /// <summary>Right after '=': a token or a quoted string must follow.</summary>
        ValueStart,
        TokenValue,
        QuotedValue,
        QuotedEscape,

        /// <summary>After the closing quote: only ';' or the line's end.</summary>
        AfterQuoted,
    }

    private void StartChunk()
    {
        _state = State.ChunkSize;
        _afterCr = false;
        _lineLength = 0;
        _hexDigits = 0;
        _remaining = 0;
        _inExtension = false;
    }

    private bool ChunkSizeByte(byte b)
    {
        if (++_lineLength > MaxChunkLine)
        {
            return Fail("chunk-size line too long");
        }

        if (_afterCr)
        {
            if (b != (byte)'\n')
            {
                return Fail("bare CR in a chunk-size line");
            }

            if (_hexDigits == 0 || _inExtension && _extension is not (ExtensionPart.Name or ExtensionPart.TokenValue or ExtensionPart.AfterQuoted))
            {
                return Fail("malformed chunk-size line");
            }

            _afterCr = false;
            if (_remaining == 0)
            {
                // The last chunk: trailer lines follow, then an empty line.
                _state = State.LineStart;
                _inRequestLine = false;
                _inTrailers = true;
                return true;
            }

            _state = State.ChunkData;
            return true;
        }

        if (b == (byte)'\r')
        {
            _afterCr = true;
            return true;
        }

        if (b == (byte)'\n')
        {
            return Fail("bare LF in a chunk-size line");
        }

        return _inExtension ? ExtensionByte(b) : SizeByte(b);
    }

    private bool SizeByte(byte b)
    {
        var digit = Http1Syntax.HexValue(b);
        if (digit >= 0)
        {
            _hexDigits++;
            _remaining = (_remaining << 4) | (uint)digit;
            return _remaining <= MaxChunkSize || Fail("chunk size too large");
        }

        if (b == (byte)';' && _hexDigits > 0)
        {
            _inExtension = true;
            _extension = ExtensionPart.NameStart;
            return true;
        }

        return Fail("malformed chunk size");
    }

    /// <summary>chunk-ext = *( ";" token [ "=" ( token / quoted-string ) ] ), with no whitespace.</summary>
    private bool ExtensionByte(byte b)
    {
        switch (_extension)
        {
            case ExtensionPart.NameStart:
                _extension = ExtensionPart.Name;
                return Http1Syntax.IsTokenByte(b) || Fail("chunk extension without a name");
            case ExtensionPart.Name or ExtensionPart.TokenValue or ExtensionPart.AfterQuoted when b == (byte)';':
                _extension = ExtensionPart.NameStart;
                return true;
            case ExtensionPart.Name when b == (byte)'=':
                _extension = ExtensionPart.ValueStart;
                return true;
            case ExtensionPart.Name or ExtensionPart.TokenValue:
                return Http1Syntax.IsTokenByte(b) || Fail("invalid byte in a chunk extension");
            case ExtensionPart.ValueStart when b == (byte)'"':
                _extension = ExtensionPart.QuotedValue;
                return true;
            case ExtensionPart.ValueStart:
                _extension = ExtensionPart.TokenValue;
                return Http1Syntax.IsTokenByte(b) || Fail("invalid chunk extension value");
            case ExtensionPart.QuotedValue:
                _extension = b switch
                {
                    (byte)'"' => ExtensionPart.AfterQuoted,
                    (byte)'\\' => ExtensionPart.QuotedEscape,
                    _ => ExtensionPart.QuotedValue,
                };
                return Http1Syntax.IsQuotedTextByte(b) || Fail("control character in a chunk extension");
            case ExtensionPart.QuotedEscape:
                _extension = ExtensionPart.QuotedValue;
                return Http1Syntax.IsQuotedTextByte(b) || Fail("control character in a chunk extension");
            default:
                return Fail("invalid byte in a chunk extension");
        }
    }

    private bool ChunkDataEndByte(byte b)
    {
        if (!_afterCr)
        {
            _afterCr = true;
            return b == (byte)'\r' || Fail("chunk data longer than its size");
        }

        if (b != (byte)'\n')
        {
            return Fail("bare CR after chunk data");
        }

        StartChunk();
        return true;
    }
}
