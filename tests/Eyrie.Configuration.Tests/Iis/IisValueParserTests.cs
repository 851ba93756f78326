using Eyrie.Configuration.Iis;

namespace Eyrie.Configuration.Tests.Iis;

public sealed class IisValueParserTests
{
    [Theory]
    [InlineData("00:02:00", 120)]
    [InlineData("00:00:00", 0)]
    [InlineData(" 01:00:01 ", 3601)]
    [InlineData("360:00:00", 1296000)]
    [InlineData("1.00:00:00", 86400)]
    [InlineData("00:00:01.5", 1.5)]
    public void TryParseTimeSpan_IisForms_Parse(string text, double seconds)
    {
        Assert.True(IisValueParser.TryParseTimeSpan(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("120")]
    [InlineData("00:60:00")]
    [InlineData("00:00:60")]
    [InlineData("1.24:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("aa:bb:cc")]
    [InlineData("00:00:00.")]
    public void TryParseTimeSpan_Invalid_IsRejected(string text) =>
        Assert.False(IisValueParser.TryParseTimeSpan(text, out _));

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("TRUE", true)]
    public void TryParseBoolean_AnyCase(string text, bool expected)
    {
        Assert.True(IisValueParser.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryParseBoolean_OtherWords_AreRejected() => Assert.False(IisValueParser.TryParseBoolean("1", out _));

    [Fact]
    public void FormatTimeSpan_WritesIisForm()
    {
        Assert.Equal("00:02:00", IisValueParser.FormatTimeSpan(TimeSpan.FromMinutes(2)));
        Assert.Equal("15.00:00:00", IisValueParser.FormatTimeSpan(TimeSpan.FromDays(15)));
    }
}
