using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.WebConfig;

public sealed class AspNetCoreSettingsResolverTests : IDisposable
{
    private readonly TempDirectory _dir = new("resolver");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resolve_Overrides_WinOverWebConfig_AndMergeEnvironmentVariables()
    {
        _dir.Write("web.config", """
            <configuration><system.webServer>
              <aspNetCore processPath="dotnet" arguments=".\App.dll" startupTimeLimit="30">
                <environmentVariables>
                  <environmentVariable name="A" value="web" />
                  <environmentVariable name="B" value="web" />
                </environmentVariables>
              </aspNetCore>
            </system.webServer></configuration>
            """);
        var overrides = new AspNetCoreConfig
        {
            StartupTimeLimit = 5,
            RequestTimeout = TimeSpan.FromSeconds(3),
            EnvironmentVariables = new ConfigMap([new("b", "json"), new("C", "json")]),
        };
        var diagnostics = new DiagnosticBag();

        var settings = AspNetCoreSettingsResolver.Resolve(_dir.Path, overrides, diagnostics)!;

        Assert.Empty(diagnostics.Items);
        Assert.Equal(@".\App.dll", settings.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.StartupTimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.RequestTimeout);
        Assert.Equal("web", settings.EnvironmentVariables["A"]);
        Assert.Equal("json", settings.EnvironmentVariables["B"]);
        Assert.Equal("json", settings.EnvironmentVariables["C"]);
    }

    [Fact]
    public void Resolve_NoWebConfigButProcessPathInEyrieJson_IsEnough()
    {
        var diagnostics = new DiagnosticBag();

        var settings = AspNetCoreSettingsResolver.Resolve(_dir.Path, new AspNetCoreConfig { ProcessPath = "./server" }, diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal("./server", settings!.ProcessPath);
    }

    [Fact]
    public void Resolve_WebConfigWithoutAspNetCore_SaysThereIsNothingToStart()
    {
        _dir.Write("web.config", "<configuration><system.webServer /></configuration>");
        var diagnostics = new DiagnosticBag();

        Assert.Null(AspNetCoreSettingsResolver.Resolve(_dir.Path, null, diagnostics));
        Assert.Contains("no <aspNetCore> element", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EmptyProcessPath_IsAnErrorAtTheElement()
    {
        _dir.Write("web.config", "<configuration>\n<system.webServer>\n<aspNetCore arguments=\"x\" />\n</system.webServer>\n</configuration>");
        var diagnostics = new DiagnosticBag();

        Assert.Null(AspNetCoreSettingsResolver.Resolve(_dir.Path, null, diagnostics));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal("system.webServer/aspNetCore/@processPath", error.Key);
    }
}
