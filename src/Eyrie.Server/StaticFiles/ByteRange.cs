namespace Eyrie.Server.StaticFiles;

/// <summary>A satisfiable byte range of a file: first and last byte, inclusive.</summary>
public readonly record struct ByteRange(long From, long To)
{
    public long Length => To - From + 1;
}
