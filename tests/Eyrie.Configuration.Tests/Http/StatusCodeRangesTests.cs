using Eyrie.Configuration.Http;

namespace Eyrie.Configuration.Tests.Http;

public sealed class StatusCodeRangesTests
{
    [Theory]
    [InlineData("200-399", 200, true)]
    [InlineData("200-399", 399, true)]
    [InlineData("200-399", 400, false)]
    [InlineData("200, 204, 301-302", 204, true)]
    [InlineData("200, 204, 301-302", 302, true)]
    [InlineData("200, 204, 301-302", 201, false)]
    [InlineData("", 300, true)]
    public void Contains_TheListedStatuses(string text, int status, bool expected)
    {
        Assert.Equal(expected, StatusCodeRanges.Parse(text).Contains(status));
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("399-200")]
    [InlineData("200-")]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("200,,300")]
    public void Refuses_WhatIsNotAStatusList_NamingThePart(string text)
    {
        Assert.False(StatusCodeRanges.TryParse(text, out _, out var error));
        Assert.Contains("is not a status or a range of statuses", error, StringComparison.Ordinal);
    }
}
