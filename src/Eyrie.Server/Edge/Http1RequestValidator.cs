using System.Buffers;

namespace Eyrie.Server.Edge;

/// <summary>
/// A strict reader of HTTP/1.1 request framing, fed the bytes of a connection as they arrive and keeping only
/// a small state between feeds. It follows request lines, headers and bodies (Content-Length or chunked, with
/// trailers) and stops at the first byte an edge must refuse where Kestrel is lenient (hardening.md §1.1–1.3):
/// a bare CR or LF, a control character, a header name that is not a token, obs-fold, Content-Length that is
/// not one run of digits or is repeated, Transfer-Encoding other than exactly one <c>chunked</c> (or on
/// HTTP/1.0), both together, a chunk size beyond Kestrel's range, or a chunk extension that is not
/// <c>;token[=token|quoted-string]</c>. After an upgrade or CONNECT request the bytes are no longer HTTP and
/// are not looked at.
/// </summary>
public sealed partial class Http1RequestValidator
{
    private const int KeptValueLength = 64;
    private const int KeptNameLength = 17;

    /// <summary>Bytes a request line cannot hold without a decision: controls (tab included), DEL.</summary>
    private static readonly SearchValues<byte> RequestLineStops = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    /// <summary>Bytes a header value cannot hold without a decision: controls but tab, DEL.</summary>
    private static readonly SearchValues<byte> ValueStops = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\n\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    private readonly byte[] _value = new byte[KeptValueLength];
    private readonly byte[] _name = new byte[KeptNameLength];

    private State _state;
    private State _failedIn;
    private bool _afterCr;

    // The line being read in the head.
    private bool _inRequestLine;
    private bool _inName;
    private bool _lineHasColon;
    private int _lineLength;
    private int _nameLength;
    private int _valueLength;
    private bool _valueOverflow;
    private HeaderKind _header;
    private ulong _lastEight;
    private ulong _firstEight;

    // The request being read.
    private bool _http10;
    private bool _isConnect;
    private bool _hasUpgrade;
    private bool _connectionUpgrade;
    private long? _contentLength;
    private bool _chunked;
    private bool _inTrailers;

    public Http1RequestValidator() => StartRequest();

    private enum State
    {
        /// <summary>At the start of a line of the request head or trailers.</summary>
        LineStart,

        /// <summary>Inside a line of the request head or trailers.</summary>
        InLine,

        /// <summary>Inside a Content-Length body.</summary>
        Body,

        /// <summary>Inside a chunk-size line (size and extensions).</summary>
        ChunkSize,

        /// <summary>Inside chunk data.</summary>
        ChunkData,

        /// <summary>Expecting the CRLF after chunk data.</summary>
        ChunkDataEnd,

        /// <summary>Not HTTP any more (after an upgrade or CONNECT): nothing is checked.</summary>
        Opaque,

        /// <summary>A violation was found; nothing more is accepted.</summary>
        Violated,
    }

    private enum HeaderKind
    {
        Other,
        ContentLength,
        TransferEncoding,
        Upgrade,
        Connection,
    }

    /// <summary>Why the last violation happened (for the log); null while the bytes are acceptable.</summary>
    public string? Violation { get; private set; }

    /// <summary>
    /// Bytes that, placed right after the accepted ones, make Kestrel's own parser refuse the request where the
    /// violation happened, so that the client gets Kestrel's 400 and the connection is closed: a NUL in a head
    /// line, a CR not followed by LF in a chunk-size line, no CRLF after chunk data. (A bare LF in a chunk
    /// extension is not enough: Kestrel waits for a CR, and input that ends there is a reset, not a 400.)
    /// </summary>
    public ReadOnlySpan<byte> RefusalBytes => _failedIn switch
    {
        State.ChunkSize => "\r\0"u8,
        State.ChunkDataEnd => "X\n"u8,
        _ => "\0\r\n\r\n"u8,
    };

    /// <summary>
    /// Reads <paramref name="data"/>; returns how many of its bytes are acceptable. Fewer than its length
    /// means a violation at that offset (see <see cref="Violation"/>); every later call then accepts nothing.
    /// </summary>
    public long Feed(ReadOnlySequence<byte> data)
    {
        long accepted = 0;
        foreach (var segment in data)
        {
            var span = segment.Span;
            var i = 0;
            while (i < span.Length)
            {
                var consumed = Step(span[i..]);
                if (consumed < 0)
                {
                    return accepted + i;
                }

                i += consumed;
            }

            accepted += span.Length;
        }

        return accepted;
    }

    /// <summary>Reads from the start of <paramref name="span"/>; returns the bytes taken, or -1 on a violation at its first byte.</summary>
    private int Step(ReadOnlySpan<byte> span)
    {
        switch (_state)
        {
            case State.Opaque:
                return span.Length;
            case State.Violated:
                return -1;
            case State.Body:
                var body = (int)Math.Min(span.Length, _remaining);
                _remaining -= body;
                if (_remaining == 0)
                {
                    StartRequest();
                }

                return body;
            case State.ChunkData:
                var data = (int)Math.Min(span.Length, _remaining);
                _remaining -= data;
                if (_remaining == 0)
                {
                    _state = State.ChunkDataEnd;
                    _afterCr = false;
                }

                return data;
            case State.ChunkDataEnd:
                return ChunkDataEndByte(span[0]) ? 1 : -1;
            case State.ChunkSize:
                return ChunkSizeByte(span[0]) ? 1 : -1;
            default:
                var run = _state == State.InLine && !_afterCr ? HeadRun(span) : 0;
                return run > 0 ? run : HeadByte(span[0]) ? 1 : -1;
        }
    }

    /// <summary>
    /// Takes the bytes from the start of <paramref name="span"/> that need no decision, found with a vectorised
    /// search: request-line bytes, header-name token bytes, header-value bytes. The byte that stops the run
    /// (a line end, a colon, anything suspect) is left to <see cref="HeadByte"/>.
    /// </summary>
    private int HeadRun(ReadOnlySpan<byte> span)
    {
        if (_inRequestLine)
        {
            var run = span.IndexOfAny(RequestLineStops);
            run = run < 0 ? span.Length : run;
            foreach (var b in span[..Math.Min(run, Math.Max(0, 8 - _lineLength))])
            {
                _firstEight = (_firstEight << 8) | b;
            }

            foreach (var b in span[Math.Max(0, run - 8)..run])
            {
                _lastEight = (_lastEight << 8) | b;
            }

            _lineLength += run;
            return run;
        }

        if (_inName)
        {
            var run = span.IndexOfAnyExcept(Http1Syntax.TokenBytes);
            run = run < 0 ? span.Length : run;
            for (var i = 0; i < run; i++)
            {
                if (_nameLength < _name.Length)
                {
                    _name[_nameLength] = (byte)(span[i] | 0x20);
                }

                _nameLength++;
            }

            _lineLength += run;
            return run;
        }

        var value = span.IndexOfAny(ValueStops);
        value = value < 0 ? span.Length : value;
        if (_header != HeaderKind.Other)
        {
            var kept = Math.Min(value, _value.Length - _valueLength);
            span[..kept].CopyTo(_value.AsSpan(_valueLength));
            _valueLength += kept;
            _valueOverflow |= kept < value;
        }

        _lineLength += value;
        return value;
    }

    private bool HeadByte(byte b)
    {
        if (_afterCr)
        {
            _afterCr = false;
            return b == (byte)'\n' ? EndOfLine() : Fail("bare CR");
        }

        if (b == (byte)'\r')
        {
            _afterCr = true;
            return true;
        }

        if (b == (byte)'\n')
        {
            return Fail("bare LF as a line terminator");
        }

        if (_state == State.LineStart)
        {
            if (!_inRequestLine && b is (byte)' ' or (byte)'\t')
            {
                return Fail("obs-fold or whitespace before a header name");
            }

            StartLine();
        }

        _lineLength++;
        if (b < 0x20 && b != (byte)'\t' || b == 0x7F)
        {
            return Fail("control character");
        }

        if (_inRequestLine)
        {
            if (b == (byte)'\t')
            {
                return Fail("tab in the request line");
            }

            if (_lineLength <= 8)
            {
                _firstEight = (_firstEight << 8) | b;
            }

            _lastEight = (_lastEight << 8) | b;
            return true;
        }

        if (_inName)
        {
            if (b == (byte)':')
            {
                if (_lineLength == 1)
                {
                    return Fail("empty header name");
                }

                _inName = false;
                _lineHasColon = true;
                _header = ClassifyName();
                return true;
            }

            if (!Http1Syntax.IsTokenByte(b))
            {
                return Fail("header name is not a token");
            }

            if (_nameLength < _name.Length)
            {
                _name[_nameLength] = (byte)(b | 0x20);
            }

            _nameLength++;
            return true;
        }

        if (_header != HeaderKind.Other)
        {
            if (_valueLength < _value.Length)
            {
                _value[_valueLength++] = b;
            }
            else
            {
                _valueOverflow = true;
            }
        }

        return true;
    }

    private void StartLine()
    {
        _state = State.InLine;
        _lineLength = 0;
        _inName = !_inRequestLine;
        _lineHasColon = false;
        _nameLength = 0;
        _header = HeaderKind.Other;
        _valueLength = 0;
        _valueOverflow = false;
    }

    private HeaderKind ClassifyName()
    {
        if (_nameLength > _name.Length)
        {
            return HeaderKind.Other;
        }

        var name = _name.AsSpan(0, _nameLength);
        return name switch
        {
            _ when name.SequenceEqual("content-length"u8) => HeaderKind.ContentLength,
            _ when name.SequenceEqual("transfer-encoding"u8) => HeaderKind.TransferEncoding,
            _ when name.SequenceEqual("upgrade"u8) => HeaderKind.Upgrade,
            _ when name.SequenceEqual("connection"u8) => HeaderKind.Connection,
            _ => HeaderKind.Other,
        };
    }

    private bool EndOfLine()
    {
        if (_state == State.LineStart)
        {
            // An empty line: the end of the head or of the trailers. Before a request line, one is tolerated (RFC 9112 §2.2).
            if (_inRequestLine)
            {
                return true;
            }

            if (_inTrailers)
            {
                StartRequest();
                return true;
            }

            return EndOfHead();
        }

        _state = State.LineStart;
        if (_inRequestLine)
        {
            _inRequestLine = false;
            _http10 = _lastEight == Http1Syntax.Pack("HTTP/1.0"u8);
            _isConnect = _firstEight == Http1Syntax.Pack("CONNECT "u8);
            return true;
        }

        if (!_lineHasColon)
        {
            return Fail("header line without a colon");
        }

        var value = _value.AsSpan(0, _valueLength).Trim(" \t"u8);
        switch (_header)
        {
            case HeaderKind.ContentLength or HeaderKind.TransferEncoding when _inTrailers:
                return Fail("framing header in trailers");
            case HeaderKind.ContentLength:
                if (_contentLength is not null)
                {
                    return Fail("Content-Length repeated");
                }

                if (_valueOverflow || value.IsEmpty || value.Length > 18 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                {
                    return Fail("Content-Length is not one run of digits");
                }

                long length = 0;
                foreach (var digit in value)
                {
                    length = (length * 10) + (digit - '0');
                }

                _contentLength = length;
                return true;
            case HeaderKind.TransferEncoding:
                if (_chunked || _valueOverflow || !Http1Syntax.IsChunked(value))
                {
                    return Fail("Transfer-Encoding is not exactly one chunked");
                }

                _chunked = true;
                return true;
            case HeaderKind.Upgrade:
                _hasUpgrade = true;
                return true;
            case HeaderKind.Connection:
                // A long Connection value is not looked into: treating it as an upgrade only stops checking.
                _connectionUpgrade |= _valueOverflow || Http1Syntax.ContainsUpgradeToken(value);
                return true;
            default:
                return true;
        }
    }

    private bool EndOfHead()
    {
        if (_chunked && _contentLength is not null)
        {
            return Fail("both Content-Length and Transfer-Encoding");
        }

        if (_chunked && _http10)
        {
            return Fail("Transfer-Encoding in an HTTP/1.0 request");
        }

        if (_isConnect || (_hasUpgrade && _connectionUpgrade))
        {
            // What follows may be another protocol (after a 101 or a tunnel): the connection is no longer read.
            _state = State.Opaque;
            return true;
        }

        if (_chunked)
        {
            StartChunk();
        }
        else if (_contentLength is > 0)
        {
            _state = State.Body;
            _remaining = _contentLength.Value;
        }
        else
        {
            StartRequest();
        }

        return true;
    }

    private void StartRequest()
    {
        _state = State.LineStart;
        _afterCr = false;
        _inRequestLine = true;
        _inTrailers = false;
        _lastEight = 0;
        _firstEight = 0;
        _lineLength = 0;
        _http10 = false;
        _isConnect = false;
        _hasUpgrade = false;
        _connectionUpgrade = false;
        _contentLength = null;
        _chunked = false;
    }

    private bool Fail(string reason)
    {
        Violation = reason;
        _failedIn = _state;
        _state = State.Violated;
        return false;
    }
}
