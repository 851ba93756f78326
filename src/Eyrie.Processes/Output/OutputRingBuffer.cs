using System.Text;

namespace Eyrie.Processes.Output;

/// <summary>
/// Keeps the last bytes a worker wrote, enough for <see cref="WorkerOutput.TailCharacters"/> characters
/// however they are encoded, in fixed memory.
/// </summary>
internal sealed class OutputRingBuffer(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _start;
    private int _length;
    private bool _dropped;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _buffer.Length)
        {
            _dropped |= data.Length > _buffer.Length || _length > 0;
            data[^_buffer.Length..].CopyTo(_buffer);
            _start = 0;
            _length = _buffer.Length;
            return;
        }

        var overflow = _length + data.Length - _buffer.Length;
        if (overflow > 0)
        {
            _start = (_start + overflow) % _buffer.Length;
            _length -= overflow;
            _dropped = true;
        }

        var end = (_start + _length) % _buffer.Length;
        var first = Math.Min(data.Length, _buffer.Length - end);
        data[..first].CopyTo(_buffer.AsSpan(end));
        data[first..].CopyTo(_buffer);
        _length += data.Length;
    }

    /// <summary>Decodes the kept bytes as UTF-8 and returns at most <paramref name="maxCharacters"/> of the last characters.</summary>
    public string ReadTail(int maxCharacters)
    {
        var bytes = new byte[_length];
        var first = Math.Min(_length, _buffer.Length - _start);
        _buffer.AsSpan(_start, first).CopyTo(bytes);
        _buffer.AsSpan(0, _length - first).CopyTo(bytes.AsSpan(first));

        // Skip a UTF-8 sequence whose start was dropped (continuation bytes are 10xxxxxx).
        var skip = 0;
        while (_dropped && skip < bytes.Length && skip < 3 && (bytes[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        var text = Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
        return text.Length <= maxCharacters ? text : text[^maxCharacters..];
    }
}
