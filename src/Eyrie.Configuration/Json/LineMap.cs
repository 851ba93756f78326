namespace Eyrie.Configuration.Json;

/// <summary>Turns a byte offset in a UTF-8 file into a 1-based line and character column.</summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Locate(long offset)
    {
        var index = _lineStarts.BinarySearch((int)offset);
        var lineIndex = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = _lineStarts[lineIndex]; i < offset && i < _utf8.Length; i++)
        {
            // Count characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start a character.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (lineIndex + 1, column);
    }
}
