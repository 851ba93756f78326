namespace Eyrie.Server.Logging;

/// <summary>Lines taken from an <see cref="AccessLogBuffer"/> to be written, split into segments by file.</summary>
internal sealed class AccessLogBatch
{
    public AccessLogBatch(int initialCapacity) => Bytes = new byte[initialCapacity];

    public byte[] Bytes { get; set; }

    public int Length { get; set; }

    public List<AccessLogSegment> Segments { get; } = [];

    /// <summary>The bytes of segment <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> SegmentBytes(int index)
    {
        var start = Segments[index].Offset;
        var end = index + 1 < Segments.Count ? Segments[index + 1].Offset : Length;
        return Bytes.AsMemory(start, end - start);
    }

    public void Clear()
    {
        Length = 0;
        Segments.Clear();
    }
}
