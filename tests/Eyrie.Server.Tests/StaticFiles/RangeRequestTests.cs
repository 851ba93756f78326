using Eyrie.Server.StaticFiles;

namespace Eyrie.Server.Tests.StaticFiles;

public sealed class RangeRequestTests
{
    [Theory]
    [InlineData("bytes=0-9", 0, 9)]
    [InlineData("bytes=10-", 10, 99)]
    [InlineData("bytes=-10", 90, 99)]
    [InlineData("bytes=-1000", 0, 99)]
    [InlineData("bytes=95-200", 95, 99)]
    [InlineData("BYTES=5-5", 5, 5)]
    public void Parse_SingleRange_IsNormalizedToTheFile(string header, long from, long to) =>
        Assert.Equal([new ByteRange(from, to)], RangeRequest.Parse(header, 100)!);

    [Fact]
    public void Parse_SeveralRanges_KeepTheirOrder() =>
        Assert.Equal([new ByteRange(50, 59), new ByteRange(0, 9)], RangeRequest.Parse("bytes=50-59, 0-9", 100)!);

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=200-300")]
    [InlineData("bytes=-0")]
    public void Parse_NothingSatisfiable_IsEmpty(string header) =>
        Assert.Empty(RangeRequest.Parse(header, 100)!);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-9")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=9-0")]
    [InlineData("bytes=0-,0-,0-")]
    [InlineData("bytes=0-50,40-60")]
    public void Parse_UnusableOrAmplifyingHeader_ServesTheWholeFile(string? header) =>
        Assert.Null(RangeRequest.Parse(header, 100));

    [Fact]
    public void Parse_MoreThanTheMaximumNumberOfRanges_ServesTheWholeFile()
    {
        var header = "bytes=" + string.Join(',', Enumerable.Range(0, RangeRequest.MaxRanges + 1).Select(i => $"{i * 2}-{i * 2}"));

        Assert.Null(RangeRequest.Parse(header, 1000));
        Assert.Equal(RangeRequest.MaxRanges, RangeRequest.Parse("bytes=" + string.Join(',', Enumerable.Range(0, RangeRequest.MaxRanges).Select(i => $"{i * 2}-{i * 2}")), 1000)!.Count);
    }
}
