using Eyrie.Server.Security;

namespace Eyrie.Server.Tests.Security;

public sealed class RangeGuardTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("bytes=0-99", false)]
    [InlineData("bytes=-500", false)]
    [InlineData("bytes=100-", false)]
    [InlineData("bytes=0-99,200-299", false)]
    [InlineData("bytes=200-299,0-99", false)]
    [InlineData("bytes=0-99,50-149", true)]
    [InlineData("bytes=0-,0-", true)]
    [InlineData("bytes=0-,100-199", true)]
    [InlineData("bytes=0-99,-100", true)]
    [InlineData("bytes=-1,-1", true)]
    [InlineData("not a range", false)]
    public void IsAmplifying(string? header, bool amplifying) => Assert.Equal(amplifying, RangeGuard.IsAmplifying(header));

    [Fact]
    public void ManyDisjointRanges_AreAmplifying()
    {
        var header = "bytes=" + string.Join(",", Enumerable.Range(0, 17).Select(i => $"{i * 10}-{(i * 10) + 1}"));

        Assert.True(RangeGuard.IsAmplifying(header));
    }
}
