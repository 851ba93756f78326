using Eyrie.Server.StaticFiles;

namespace Eyrie.Server.Tests.StaticFiles;

/// <summary>The guard sees paths as Kestrel decodes them; these are the forms that survive decoding (hardening.md §3).</summary>
public sealed class StaticPathGuardTests
{
    [Theory]
    [InlineData("/index.html")]
    [InlineData("/css/site.css")]
    [InlineData("/binary/ok.txt")]
    [InlineData("/bin.txt")]
    [InlineData("/data/App_Database.txt")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/folder/")]
    [InlineData("/a b/c.txt")]
    [InlineData("/café/menu.html")]
    [InlineData("/file-with.dots.min.js")]
    public void Check_OrdinaryPaths_AreAllowed(string path) =>
        Assert.Equal(PathVerdict.Allowed, StaticPathGuard.Check(path));

    [Theory]
    [InlineData("/web.config", PathVerdict.HiddenSegment)]
    [InlineData("/WEB.CONFIG", PathVerdict.HiddenSegment)]
    [InlineData("/Web.Config", PathVerdict.HiddenSegment)]
    [InlineData("/bin/app.dll", PathVerdict.HiddenSegment)]
    [InlineData("/BIN/app.dll", PathVerdict.HiddenSegment)]
    [InlineData("/App_Data/db.mdf", PathVerdict.HiddenSegment)]
    [InlineData("/app_data/db.mdf", PathVerdict.HiddenSegment)]
    [InlineData("/App_Code/x.cs", PathVerdict.HiddenSegment)]
    [InlineData("/sub/App_Browsers/x", PathVerdict.HiddenSegment)]
    [InlineData("/.git/config", PathVerdict.HiddenSegment)]
    [InlineData("/.env", PathVerdict.HiddenSegment)]
    [InlineData("/assets/.htaccess", PathVerdict.HiddenSegment)]
    [InlineData("/app_offline.htm", PathVerdict.DeniedFile)]
    [InlineData("/APP_OFFLINE.HTM", PathVerdict.DeniedFile)]
    [InlineData("/appsettings.json", PathVerdict.DeniedFile)]
    [InlineData("/AppSettings.Production.json", PathVerdict.DeniedFile)]
    [InlineData("/MyApp.deps.json", PathVerdict.DeniedFile)]
    [InlineData("/MyApp.runtimeconfig.json", PathVerdict.DeniedFile)]
    [InlineData("/sub/app.config", PathVerdict.DeniedFile)]
    [InlineData("/web.config.", PathVerdict.DeniedSequence)]
    [InlineData("/web.config ", PathVerdict.DeniedSequence)]
    [InlineData("/web.config::$DATA", PathVerdict.DeniedSequence)]
    [InlineData("/web.config:$i30:$index_allocation", PathVerdict.DeniedSequence)]
    [InlineData("/WEB~1.CON", PathVerdict.DeniedSequence)]
    [InlineData("/APP_DA~1/db.mdf", PathVerdict.DeniedSequence)]
    [InlineData("/(S(x3fz))/web.config", PathVerdict.DeniedSequence)]
    [InlineData("/a\\..\\web.config", PathVerdict.DeniedSequence)]
    [InlineData("/..\\web.config", PathVerdict.DeniedSequence)]
    [InlineData("/a/../web.config", PathVerdict.DeniedSequence)]
    [InlineData("/../etc/passwd", PathVerdict.DeniedSequence)]
    [InlineData("/./web.config", PathVerdict.DeniedSequence)]
    [InlineData("//web.config", PathVerdict.DeniedSequence)]
    [InlineData("/a//b.txt", PathVerdict.DeniedSequence)]
    [InlineData("/web.config\0.txt", PathVerdict.DeniedSequence)]
    [InlineData("/\u0001web.config", PathVerdict.DeniedSequence)]
    [InlineData("/%2e%2e/web.config", PathVerdict.DoubleEscaped)]
    [InlineData("/a%2fweb.config", PathVerdict.DoubleEscaped)]
    [InlineData("/%c0%ae%c0%ae/x", PathVerdict.DoubleEscaped)]
    [InlineData("/a*b", PathVerdict.DeniedSequence)]
    [InlineData("/a?b", PathVerdict.DeniedSequence)]
    public void Check_ProtectedAndAliasedPaths_AreRefused(string path, PathVerdict expected) =>
        Assert.Equal(expected, StaticPathGuard.Check(path));
}
