using System.Text;

namespace Eyrie.Processes.Output;

/// <summary>
/// Keeps the last bytes a worker wrote, enough for <see cref="WorkerOutput.TailCharacters"/> characters
/// however they are encoded, in fixed memory.
/// </summary>
internal sealed class OutputRingBuffer(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private long _written;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _buffer.Length)
        {
            data[^_buffer.Length..].CopyTo(_buffer);
            _written += data.Length;
            AlignStart();
            return;
        }

        var start = (int)(_written % _buffer.Length);
        var first = Math.Min(data.Length, _buffer.Length - start);
        data[..first].CopyTo(_buffer.AsSpan(start));
        data[first..].CopyTo(_buffer);
        _written += data.Length;
    }

    /// <summary>Decodes the kept bytes as UTF-8 and returns at most <paramref name="maxCharacters"/> of the last characters.</summary>
    public string ReadTail(int maxCharacters)
    {
        var length = (int)Math.Min(_written, _buffer.Length);
        var bytes = new byte[length];
        var start = _written > _buffer.Length ? (int)(_written % _buffer.Length) : 0;
        var first = Math.Min(length, _buffer.Length - start);
        _buffer.AsSpan(start, first).CopyTo(bytes);
        _buffer.AsSpan(0, length - first).CopyTo(bytes.AsSpan(first));

        // Skip a UTF-8 sequence cut off by wrapping (continuation bytes are 10xxxxxx).
        var skip = 0;
        while (_written > _buffer.Length && skip < bytes.Length && skip < 3 && (bytes[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        var text = Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
        return text.Length <= maxCharacters ? text : text[^maxCharacters..];
    }

    private void AlignStart()
    {
        // After a whole-buffer overwrite the data starts at index 0; make _written agree.
        _written -= _written % _buffer.Length;
    }
}
