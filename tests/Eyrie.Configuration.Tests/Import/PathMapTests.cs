using Eyrie.Configuration.Import;

namespace Eyrie.Configuration.Tests.Import;

public sealed class PathMapTests
{
    private static PathMap Map(params string[] specs) =>
        new(specs.Select(s => PathMapEntry.TryParse(s, out var entry, out var error) ? entry! : throw new ArgumentException(error)));

    [Theory]
    [InlineData(@"C:\inetpub\wwwroot", "/srv/www")]
    [InlineData(@"C:\inetpub\wwwroot\shop", "/srv/www/shop")]
    [InlineData(@"c:\INETPUB\WWWROOT\Shop\v2\", "/srv/www/Shop/v2/")]
    [InlineData(@"%SystemDrive%\inetpub\wwwroot\blog", "/srv/www/blog")]
    [InlineData(@"C:/inetpub/wwwroot/mixed\slashes", "/srv/www/mixed/slashes")]
    public void Map_PrefixIgnoringCase_ReplacesItAndTurnsBackslashesIntoSlashes(string windows, string expected)
    {
        var mapped = Map(@"C:\inetpub\wwwroot=/srv/www").Map(windows);

        Assert.Equal(expected, mapped.Value);
        Assert.Equal(ImportAction.Mapped, mapped.Action);
    }

    [Fact]
    public void Map_PrefixMatchesWholeSegmentsOnly()
    {
        var mapped = Map(@"C:\inetpub\wwwroot=/srv/www").Map(@"C:\inetpub\wwwroot2\shop");

        Assert.Equal(@"C:\inetpub\wwwroot2\shop", mapped.Value);
        Assert.Equal(ImportAction.Changed, mapped.Action);
    }

    [Fact]
    public void Map_LongestPrefixWins_WhateverTheOrderGiven()
    {
        var map = Map(@"C:\inetpub=/srv/inetpub", @"C:\inetpub\wwwroot\api=/opt/api");

        Assert.Equal("/opt/api/v1", map.Map(@"C:\inetpub\wwwroot\api\v1").Value);
        Assert.Equal("/srv/inetpub/wwwroot/shop", map.Map(@"C:\inetpub\wwwroot\shop").Value);
    }

    [Fact]
    public void Map_RelativeTarget_StaysRelative()
    {
        Assert.Equal("apps/shop", Map(@"D:\Sites=apps").Map(@"D:\Sites\shop").Value);
    }

    [Fact]
    public void Map_SharePathAndUnknownVariable_CanBeMappedByTheirText()
    {
        var map = Map(@"\\fileserver\media=/mnt/media", "%DATA_ROOT%=/srv/data");

        Assert.Equal("/mnt/media/images", map.Map(@"\\fileserver\media\images").Value);
        Assert.Equal("/srv/data/web", map.Map(@"%DATA_ROOT%\web").Value);
    }

    [Fact]
    public void Map_UnmappedWindowsPath_IsKeptAndFlaggedWithTheVariableItCannotKnow()
    {
        var mapped = PathMap.Empty.Map(@"%ReportsRoot%\web");

        Assert.Equal(@"%ReportsRoot%\web", mapped.Value);
        Assert.Equal(ImportAction.Changed, mapped.Action);
        Assert.Contains("%ReportsRoot%", mapped.Message, StringComparison.Ordinal);
        Assert.Contains("needs a Linux path", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SystemDriveIsExpandedEvenWhenUnmapped()
    {
        var mapped = PathMap.Empty.Map(@"%SystemDrive%\inetpub\wwwroot");

        Assert.Equal(@"C:\inetpub\wwwroot", mapped.Value);
        Assert.Equal(ImportAction.Changed, mapped.Action);
    }

    [Fact]
    public void Map_LinuxPath_IsKept()
    {
        var mapped = PathMap.Empty.Map("/srv/already/linux");

        Assert.Equal("/srv/already/linux", mapped.Value);
        Assert.Equal(ImportAction.Mapped, mapped.Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("C:\\inetpub")]
    [InlineData("=/srv")]
    [InlineData("C:\\inetpub=")]
    [InlineData(" = ")]
    public void PathMapEntry_WithoutBothSides_IsRefused(string text)
    {
        Assert.False(PathMapEntry.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void PathMapEntry_SplitsAtTheFirstEquals()
    {
        Assert.True(PathMapEntry.TryParse(@"C:\a=/srv/x=y", out var entry, out _));
        Assert.Equal(new PathMapEntry(@"C:\a", "/srv/x=y"), entry);
    }
}
