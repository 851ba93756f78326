using Eyrie.Configuration.Model;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Validation;

/// <summary>IIS's <c>logFile</c> on a site and in <c>siteDefaults</c>: names, defaults, precedence and the errors.</summary>
public sealed class LogFileValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new("logfile");

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string json) => EyrieConfigLoader.TryLoad(_dir.Write("eyrie.json", json));

    [Fact]
    public void Nothing_Written_GivesIisDefaults()
    {
        var result = Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ] } ] }""");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var logFile = LogFileConfig.For(result.Config!.Config.Sites[0], result.Config.Config);
        Assert.True(logFile.Enabled);
        Assert.Equal("logs", logFile.Directory);
        Assert.Equal(LogPeriod.Daily, logFile.Period);
        Assert.Equal(20_971_520, logFile.TruncateSize);
        Assert.False(logFile.LocalTimeRollover);
        Assert.Equal(LogFileConfig.DefaultFlags, logFile.LogExtFileFlags);
    }

    [Fact]
    public void SiteValues_OverrideSiteDefaults_OneByOne()
    {
        var result = Load("""
            { "siteDefaults": { "logFile": { "directory": "/var/log/eyrie", "period": "hourly", "logExtFileFlags": [ "Date", "Time", "ClientIP" ] } },
              "sites": [
                { "name": "A", "bindings": [ { "port": 8080 } ], "logFile": { "period": "maxSize", "truncateSize": 1048576 } },
                { "name": "B", "bindings": [ { "port": 8081 } ], "logFile": { "enabled": false } } ] }
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var config = result.Config!.Config;
        var a = LogFileConfig.For(config.Sites[0], config);
        Assert.Equal("/var/log/eyrie", a.Directory);
        Assert.Equal(LogPeriod.MaxSize, a.Period);
        Assert.Equal(1_048_576, a.TruncateSize);
        Assert.Equal([LogExtFileFlag.Date, LogExtFileFlag.Time, LogExtFileFlag.ClientIP], a.LogExtFileFlags!.ToArray());
        Assert.False(LogFileConfig.For(config.Sites[1], config).Enabled);
    }

    [Fact]
    public void TruncateSize_BelowIisMinimum_IsAnErrorAtItsKey()
    {
        var error = Assert.Single(Load("""
            { "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ],
              "logFile": { "period": "maxSize", "truncateSize": 1000 } } ] }
            """).Errors);

        Assert.Equal("sites[0].logFile.truncateSize", error.Key);
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void UnknownField_IsAnError_NamingTheIisFields()
    {
        var error = Assert.Single(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ], "logFile": { "logExtFileFlags": [ "date", "bogus" ] } } ] }""").Errors);

        Assert.Equal("sites[0].logFile.logExtFileFlags[1]", error.Key);
        Assert.Contains("httpSubStatus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyDirectory_IsAnError()
    {
        var error = Assert.Single(Load("""{ "siteDefaults": { "logFile": { "directory": " " } }, "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ] } ] }""").Errors);

        Assert.Equal("siteDefaults.logFile.directory", error.Key);
    }

    [Fact]
    public void SiteNamedDotDot_CannotNameItsLogFolder_UnlessItsLogIsOff()
    {
        var error = Assert.Single(Load("""{ "sites": [ { "name": "..", "bindings": [ { "port": 8080 } ] } ] }""").Errors);
        Assert.Equal("sites[0].name", error.Key);

        Assert.True(Load("""{ "sites": [ { "name": "..", "bindings": [ { "port": 8080 } ], "logFile": { "enabled": false } } ] }""").Succeeded);
    }

    [Fact]
    public void LogsInsideAServedFolder_AreAWarning()
    {
        _dir.CreateFolder("www");
        var result = Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ], "virtualDirectories": [ { "path": "/", "physicalPath": "." } ] } ] }""");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("sites[0].logFile", warning.Key);
        Assert.Contains("could download the logs", warning.Message, StringComparison.Ordinal);
        Assert.True(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 8080 } ], "virtualDirectories": [ { "path": "/", "physicalPath": "www" } ] } ] }""").Diagnostics.Count == 0);
    }
}
