using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.WebConfig;

public sealed class WebConfigReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("webconfig");

    // Exactly what `dotnet publish` writes for a framework-dependent app (iis-ancm.md §3.1).
    private const string PublishedWebConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <location path="." inheritInChildApplications="false">
            <system.webServer>
              <handlers>
                <add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" />
              </handlers>
              <aspNetCore processPath="dotnet" arguments=".\MyApp.dll" stdoutLogEnabled="false" stdoutLogFile=".\logs\stdout" hostingModel="inprocess" />
            </system.webServer>
          </location>
        </configuration>
        <!--ProjectGuid: 7A9B5C4C-0000-0000-0000-000000000000-->
        """;

    public void Dispose() => _dir.Dispose();

    private (WebConfigFile? File, DiagnosticBag Diagnostics) Read(string xml)
    {
        var path = _dir.Write("web.config", xml);
        var diagnostics = new DiagnosticBag();
        return (WebConfigReader.Read(path, diagnostics), diagnostics);
    }

    private static string Wrap(string aspNetCore) =>
        $"<configuration>\n<system.webServer>\n{aspNetCore}\n</system.webServer>\n</configuration>";

    [Fact]
    public void Read_PublishedWebConfig_GivesItsSettingsOverIisDefaults()
    {
        var (file, diagnostics) = Read(PublishedWebConfig);

        Assert.Empty(diagnostics.Items);
        var settings = file!.AspNetCore!;
        Assert.Equal("dotnet", settings.ProcessPath);
        Assert.Equal(@".\MyApp.dll", settings.Arguments);
        Assert.Equal(@".\logs\stdout", settings.StdoutLogFile);
        Assert.False(settings.StdoutLogEnabled);
        Assert.Equal(HostingModel.InProcess, settings.HostingModel);
        Assert.Equal(8, settings.Origin.Line);

        // IIS defaults for everything the file leaves out (iis-ancm.md §1.1).
        Assert.Equal(TimeSpan.FromSeconds(120), settings.StartupTimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ShutdownTimeLimit);
        Assert.Equal(10, settings.RapidFailsPerMinute);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.RequestTimeout);
        Assert.Equal(1, settings.ProcessesPerApplication);
        Assert.True(settings.ConsoleRedirectionEnabled);
    }

    [Fact]
    public void Read_EveryAttribute_IsParsedWithItsIisType()
    {
        var (file, diagnostics) = Read(Wrap("""
            <aspNetCore processPath=".\App" arguments="--x 1" stdoutLogEnabled="TRUE" stdoutLogFile="out\log"
                        startupTimeLimit="5" shutdownTimeLimit="0" rapidFailsPerMinute="3" requestTimeout="1.02:03:04"
                        processesPerApplication="4" disableStartUpErrorPage="true" forwardWindowsAuthToken="false" hostingModel="OutOfProcess">
              <handlerSettings>
                <handlerSetting name="enableOutOfProcessConsoleRedirection" value="false" />
                <handlerSetting name="forwardResponseConnectionHeader" value="true" />
              </handlerSettings>
              <recycleOnFileChange><file path="appsettings.json" /></recycleOnFileChange>
            </aspNetCore>
            """));

        Assert.Empty(diagnostics.Items);
        var s = file!.AspNetCore!;
        Assert.True(s.StdoutLogEnabled);
        Assert.Equal(TimeSpan.FromSeconds(5), s.StartupTimeLimit);
        Assert.Equal(TimeSpan.Zero, s.ShutdownTimeLimit);
        Assert.Equal(3, s.RapidFailsPerMinute);
        Assert.Equal(new TimeSpan(1, 2, 3, 4), s.RequestTimeout);
        Assert.Equal(4, s.ProcessesPerApplication);
        Assert.True(s.DisableStartUpErrorPage);
        Assert.Equal(HostingModel.OutOfProcess, s.HostingModel);
        Assert.False(s.ConsoleRedirectionEnabled);
        Assert.True(s.ForwardResponseConnectionHeader);
        Assert.Equal(["appsettings.json"], s.RecycleOnFileChange);
    }

    [Fact]
    public void Read_EnvironmentVariables_FollowIisCollectionSemantics()
    {
        var (file, diagnostics) = Read(Wrap("""
            <aspNetCore processPath="dotnet">
              <environmentVariables>
                <environmentVariable name="DROPPED" value="1" />
                <clear />
                <environmentVariable name="ASPNETCORE_ENVIRONMENT" value="Staging" />
                <environmentVariable name="GONE" value="x" />
                <remove name="gone" />
                <environmentVariable name="PATH_EXT" value="%PATH%:/opt" />
              </environmentVariables>
            </aspNetCore>
            """));

        Assert.Empty(diagnostics.Items);
        var env = file!.AspNetCore!.EnvironmentVariables;
        Assert.Equal(["ASPNETCORE_ENVIRONMENT", "PATH_EXT"], env.Keys);
        Assert.Equal("Staging", env["aspnetcore_environment"]);
        Assert.Equal("%PATH%:/opt", env["PATH_EXT"]); // expanded when the worker starts, not when read
    }

    [Theory]
    [InlineData("<aspNetCore processPath=\"dotnet\" startupTimeLimit=\"4000\" />", "system.webServer/aspNetCore/@startupTimeLimit", "must be between 0 and 3600; found 4000")]
    [InlineData("<aspNetCore processPath=\"dotnet\" shutdownTimeLimit=\"-1\" />", "system.webServer/aspNetCore/@shutdownTimeLimit", "is not a whole number")]
    [InlineData("<aspNetCore processPath=\"dotnet\" requestTimeout=\"00:60:00\" />", "system.webServer/aspNetCore/@requestTimeout", "minutes and seconds 0-59")]
    [InlineData("<aspNetCore processPath=\"dotnet\" requestTimeout=\"361:00:00\" />", "system.webServer/aspNetCore/@requestTimeout", "at most 360:00:00")]
    [InlineData("<aspNetCore processPath=\"dotnet\" processesPerApplication=\"0\" />", "system.webServer/aspNetCore/@processesPerApplication", "between 1 and 100")]
    [InlineData("<aspNetCore processPath=\"dotnet\" stdoutLogEnabled=\"yes\" />", "system.webServer/aspNetCore/@stdoutLogEnabled", "not a boolean")]
    [InlineData("<aspNetCore processPath=\"dotnet\" hostingModel=\"sideways\" />", "system.webServer/aspNetCore/@hostingModel", "Unknown hosting model 'sideways'")]
    [InlineData("<aspNetCore processpath=\"dotnet\" />", "system.webServer/aspNetCore/@processpath", "unrecognized attribute 'processpath'")]
    [InlineData("<aspNetCore processPath=\"dotnet\"><envVars /></aspNetCore>", "system.webServer/aspNetCore/envVars", "unrecognized element")]
    public void Read_BadValue_IsAnErrorNamingFileLineAndKey(string element, string key, string message)
    {
        var (_, diagnostics) = Read(Wrap(element));

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(_dir.Combine("web.config"), error.Location.File);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateEnvironmentVariable_IsAnErrorAsInIis()
    {
        var (_, diagnostics) = Read(Wrap("""
            <aspNetCore processPath="dotnet"><environmentVariables>
              <environmentVariable name="A" value="1" />
              <environmentVariable name="a" value="2" />
            </environmentVariables></aspNetCore>
            """));

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(5, error.Location.Line);
        Assert.Contains("Cannot add duplicate collection entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RapidFailsAbove100_IsClampedWithAWarning()
    {
        var (file, diagnostics) = Read(Wrap("<aspNetCore processPath=\"dotnet\" rapidFailsPerMinute=\"500\" />"));

        Assert.Equal(100, file!.AspNetCore!.RapidFailsPerMinute);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics.Items).Severity);
    }

    [Fact]
    public void Read_InProcessOnlyHandlerSetting_IsAWarning()
    {
        var (_, diagnostics) = Read(Wrap("""
            <aspNetCore processPath="dotnet"><handlerSettings>
              <handlerSetting name="stackSize" value="2097152" />
              <handlerSetting name="stackSise" value="1" />
            </handlerSettings></aspNetCore>
            """));

        Assert.Equal(2, diagnostics.Items.Count);
        Assert.All(diagnostics.Items, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(diagnostics.Items, d => d.Message.Contains("in-process", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Items, d => d.Message.Contains("unknown handler setting", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MalformedXml_NamesTheLine()
    {
        var (file, diagnostics) = Read("<configuration>\n  <system.webServer>\n    <aspNetCore processPath=\"dotnet\">\n  </system.webServer>\n</configuration>");

        Assert.Null(file);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(4, error.Location.Line);
        Assert.StartsWith("malformed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DtdIsRefused()
    {
        var (file, diagnostics) = Read("<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [ <!ENTITY x \"y\"> ]>\n<configuration />");

        Assert.Null(file);
        Assert.StartsWith("malformed XML", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var diagnostics = new DiagnosticBag();

        var file = WebConfigReader.ReadFromFolder(_dir.Path, diagnostics);

        Assert.Null(file);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(_dir.Combine("web.config"), error.Location.File);
        Assert.Contains("web.config not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongRootElement_IsAnError()
    {
        var (file, diagnostics) = Read("<settings />");

        Assert.Null(file);
        Assert.Contains("<configuration>", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoSectionsForTheAppRoot_IsADuplicateError()
    {
        var (_, diagnostics) = Read("""
            <configuration>
              <system.webServer><aspNetCore processPath="a" /></system.webServer>
              <location path="."><system.webServer><aspNetCore processPath="b" /></system.webServer></location>
            </configuration>
            """);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("duplicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SectionForASubPath_IsIgnoredWithAWarning()
    {
        var (file, diagnostics) = Read("""
            <configuration>
              <location path="admin"><system.webServer><aspNetCore processPath="b" /></system.webServer></location>
            </configuration>
            """);

        Assert.Null(file!.AspNetCore);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics.Items).Severity);
    }
}
