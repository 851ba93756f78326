using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Validation;

public sealed class EyrieConfigLoaderTests : IDisposable
{
    private const string WebConfig = """
        <configuration><location path="." inheritInChildApplications="false"><system.webServer>
          <aspNetCore processPath="dotnet" arguments=".\App.dll" hostingModel="inprocess" />
        </system.webServer></location></configuration>
        """;

    private readonly TempDirectory _dir = new("loader");

    public EyrieConfigLoaderTests()
    {
        _dir.Write("apps/shop/web.config", WebConfig);
        _dir.Write("apps/api/web.config", WebConfig);
        _dir.CreateFolder("static");
    }

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string json) => EyrieConfigLoader.TryLoad(_dir.Write("eyrie.json", json));

    private static ConfigDiagnostic SingleError(ConfigLoadResult result)
    {
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void TryLoad_ValidConfig_ResolvesPathsAgainstTheConfigFolder()
    {
        var result = Load("""
            { "$schema": "eyrie.schema.json",
              "sites": [ { "name": "Shop", "bindings": [ { "port": 8080 }, { "port": 8080, "host": "shop.test" } ],
                "applications": [ { "path": "/", "physicalPath": "apps/shop" }, { "path": "/API/", "physicalPath": "apps/api" } ],
                "virtualDirectories": [ { "path": "/static", "physicalPath": "static" } ] } ] }
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var loaded = result.Config!;
        Assert.Equal(_dir.Path, loaded.BaseDirectory);
        Assert.Equal(_dir.Combine("apps", "shop"), loaded.ResolvePath(loaded.Config.Sites[0].Applications[0].PhysicalPath!));
    }

    [Fact]
    public void TryLoad_SameBindingInTwoSites_NamesBothSites()
    {
        var error = SingleError(Load("""
            { "sites": [
              { "name": "A", "bindings": [ { "port": 80, "host": "x.test" } ] },
              { "name": "B", "bindings": [ { "address": "*", "port": 80, "host": "x.test" } ] } ] }
            """));

        Assert.Equal("sites[1].bindings[0]", error.Key);
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("site 'A' (line 2) and site 'B'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_HttpAndHttpsOnOnePort_IsAnError()
    {
        using var certificate = TestCertificates.Create("b.test");
        var cert = TestCertificates.WritePfx(certificate, _dir.Path, "c", null);
        var error = SingleError(Load($$"""
            { "sites": [
              { "name": "A", "bindings": [ { "port": 8443, "host": "a.test" } ] },
              { "name": "B", "bindings": [ { "protocol": "https", "port": 8443, "host": "b.test", "certificate": { "path": "{{cert}}" } } ] } ] }
            """));

        Assert.Equal("sites[1].bindings[0].protocol", error.Key);
        Assert.Contains("cannot carry both http and https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_DuplicateSiteNames_AreAnError()
    {
        var error = SingleError(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 1 } ] }, { "name": "a", "bindings": [ { "port": 2 } ] } ] }"""));

        Assert.Equal("sites[1].name", error.Key);
        Assert.Contains("duplicate site name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "port": 80, "address": "localhost" }""", "sites[0].bindings[0].address", "is not an IP address or *")]
    [InlineData("""{ "port": 80, "address": "127.1" }""", "sites[0].bindings[0].address", "is not an IP address or *")]
    [InlineData("""{ "port": 80, "host": "a.test:80" }""", "sites[0].bindings[0].host", "must not contain ':'")]
    [InlineData("""{ "port": 80, "host": "a.*.test" }""", "sites[0].bindings[0].host", "wildcard may only be the first label")]
    [InlineData("""{ "port": 443, "protocol": "https" }""", "sites[0].bindings[0].certificate", "needs a certificate")]
    public void TryLoad_BadBinding_IsAnErrorAtItsKey(string binding, string key, string message)
    {
        var error = SingleError(Load($$"""{ "sites": [ { "name": "A", "bindings": [ {{binding}} ] } ] }"""));

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop", "must start with '/'")]
    [InlineData("/a/../b", "must not contain the segment '..'")]
    [InlineData("/a//b", "empty segments")]
    [InlineData("/a%2e", "must not contain '%'")]
    public void TryLoad_BadApplicationPath_IsAnError(string path, string message)
    {
        var error = SingleError(Load($$"""{ "sites": [ { "name": "A", "bindings": [ { "port": 1 } ], "applications": [ { "path": "{{path}}", "physicalPath": "apps/shop" } ] } ] }"""));

        Assert.Equal("sites[0].applications[0].path", error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PathsDifferingOnlyInCase_Collide()
    {
        var error = SingleError(Load("""
            { "sites": [ { "name": "A", "bindings": [ { "port": 1 } ],
              "applications": [ { "path": "/Shop", "physicalPath": "apps/shop" } ],
              "virtualDirectories": [ { "path": "/shop/", "physicalPath": "static" } ] } ] }
            """));

        Assert.Equal("sites[0].virtualDirectories[0].path", error.Key);
        Assert.Contains("already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingAppFolder_IsAnError()
    {
        var error = SingleError(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 1 } ], "applications": [ { "path": "/", "physicalPath": "nope" } ] } ] }"""));

        Assert.Equal("sites[0].applications[0].physicalPath", error.Key);
        Assert.Contains(_dir.Combine("nope"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_BrokenWebConfigOfAnApp_IsReportedInTheWebConfig()
    {
        _dir.Write("apps/bad/web.config", "<configuration>\n<system.webServer>\n<aspNetCore processPath=\"dotnet\" startupTimeLimit=\"abc\" />\n</system.webServer>\n</configuration>");

        var error = SingleError(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 1 } ], "applications": [ { "path": "/", "physicalPath": "apps/bad" } ] } ] }"""));

        Assert.Equal(_dir.Combine("apps", "bad", "web.config"), error.Location.File);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal("system.webServer/aspNetCore/@startupTimeLimit", error.Key);
        Assert.Matches(@"web\.config\(3,\d+\): error: system\.webServer/aspNetCore/@startupTimeLimit: ", error.ToString());
    }

    [Fact]
    public void TryLoad_MissingFile_SaysSo()
    {
        var result = EyrieConfigLoader.TryLoad(_dir.Combine("missing.json"));

        Assert.Contains("not found", SingleError(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_SiteWithoutBindings_IsAWarningOnly()
    {
        var result = Load("""{ "sites": [ { "name": "A" } ] }""");

        Assert.True(result.Succeeded);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Config!.Warnings).Severity);
    }

    [Fact]
    public void FromConfig_CodeBuiltConfig_IsValidatedToo()
    {
        var config = new EyrieConfig
        {
            Sites = [new SiteConfig { Name = "Default Web Site", Bindings = [new BindingConfig { Port = 8080 }], Applications = [new ApplicationConfig { Path = "/", PhysicalPath = "apps/missing" }] }],
        };

        var result = EyrieConfigLoader.FromConfig(config, _dir.Path);

        Assert.Equal("sites[0].applications[0].physicalPath", SingleError(result).Key);
    }
}
