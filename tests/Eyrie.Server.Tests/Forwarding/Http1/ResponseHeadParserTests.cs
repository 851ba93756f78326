using Eyrie.Server.Forwarding.Http1;

namespace Eyrie.Server.Tests.Forwarding.Http1;

public sealed class ResponseHeadParserTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK", 1, 200, "OK")]
    [InlineData("HTTP/1.0 404 Not Found", 0, 404, "Not Found")]
    [InlineData("HTTP/1.1 204", 1, 204, "")]
    [InlineData("HTTP/1.1 599 ", 1, 599, "")]
    [InlineData("HTTP/1.1 103 Early Hints", 1, 103, "Early Hints")]
    public void StatusLine_Valid(string line, int minor, int status, string reason)
    {
        Assert.True(ResponseHeadParser.TryParseStatusLine(Latin1(line), out var parsedMinor, out var parsedStatus, out var parsedReason));
        Assert.Equal((minor, status, reason), (parsedMinor, parsedStatus, parsedReason));
    }

    [Theory]
    [InlineData("HTTP/2.0 200 OK")]
    [InlineData("HTTP/1.1 2x0 OK")]
    [InlineData("HTTP/1.1 099 Low")]
    [InlineData("HTTP/1.1 200OK")]
    [InlineData("HTTP/1.1  200 OK")]
    [InlineData("ICY 200 OK")]
    [InlineData("HTTP/1.1 20")]
    public void StatusLine_Invalid(string line)
    {
        Assert.False(ResponseHeadParser.TryParseStatusLine(Latin1(line), out _, out _, out _));
    }

    [Theory]
    [InlineData("Content-Type: text/plain", "Content-Type", "text/plain")]
    [InlineData("X-Spaces: \t padded value \t", "X-Spaces", "padded value")]
    [InlineData("X-Empty:", "X-Empty", "")]
    [InlineData("X-Latin1: caf\u00e9", "X-Latin1", "caf\u00e9")]
    public void Field_Valid(string line, string name, string value)
    {
        Assert.True(ResponseHeadParser.TryParseField(Latin1(line), out var parsedName, out var parsedValue));
        Assert.Equal((name, value), (parsedName, parsedValue));
    }

    [Theory]
    [InlineData(": no name")]
    [InlineData("No colon")]
    [InlineData("Bad Name: space in the name")]
    [InlineData(" Folded: obs-fold")]
    [InlineData("X-Nul: a\0b")]
    public void Field_Invalid(string line)
    {
        Assert.False(ResponseHeadParser.TryParseField(Latin1(line), out _, out _));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1a", 26L)]
    [InlineData("FFFF;name=value", 65535L)]
    [InlineData("10 ", 16L)]
    public void ChunkSize_Valid(string line, long size)
    {
        Assert.True(ResponseHeadParser.TryParseChunkSize(Latin1(line), out var parsed));
        Assert.Equal(size, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("-1")]
    [InlineData("0x10")]
    [InlineData("1000000000000000")]
    public void ChunkSize_Invalid(string line)
    {
        Assert.False(ResponseHeadParser.TryParseChunkSize(Latin1(line), out _));
    }

    private static byte[] Latin1(string text) => System.Text.Encoding.Latin1.GetBytes(text);
}
