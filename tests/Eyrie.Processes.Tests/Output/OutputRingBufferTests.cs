using System.Text;
using Eyrie.Processes.Output;

namespace Eyrie.Processes.Tests.Output;

public sealed class OutputRingBufferTests
{
    [Fact]
    public void ReadTail_KeepsTheLastCharacters_AcrossWraps()
    {
        var buffer = new OutputRingBuffer(16);
        buffer.Append("0123456789"u8);
        buffer.Append("abcdefghij"u8);

        Assert.Equal("456789abcdefghij", buffer.ReadTail(100));
        Assert.Equal("ghij", buffer.ReadTail(4));
    }

    [Fact]
    public void ReadTail_WriteLargerThanTheBuffer_KeepsItsEnd()
    {
        var buffer = new OutputRingBuffer(8);
        buffer.Append("xx"u8);
        buffer.Append(Encoding.UTF8.GetBytes(new string('a', 20) + "12345678"));

        Assert.Equal("12345678", buffer.ReadTail(100));
        buffer.Append("9"u8);
        Assert.Equal("23456789", buffer.ReadTail(100));
    }

    [Fact]
    public void ReadTail_MultiByteCharacterCutByTheWrap_IsDropped()
    {
        // 13 bytes into 8: "é" is two bytes and only its second is kept, which must not become garbage.
        var oneWrite = new OutputRingBuffer(8);
        oneWrite.Append(Encoding.UTF8.GetBytes("abcdé1234567"));
        var inPieces = new OutputRingBuffer(8);
        inPieces.Append("abcd"u8);
        inPieces.Append(Encoding.UTF8.GetBytes("é123"));
        inPieces.Append("4567"u8);

        Assert.Equal("1234567", oneWrite.ReadTail(100));
        Assert.Equal("1234567", inPieces.ReadTail(100));
    }

    [Fact]
    public void ReadTail_Empty_IsEmpty() => Assert.Equal("", new OutputRingBuffer(8).ReadTail(10));
}
