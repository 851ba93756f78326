using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Pools;

namespace Eyrie.Processes.Tests.Pools;

public sealed class AppFileFilterTests
{
    [Theory]
    [InlineData("web.config", "WebConfig")]
    [InlineData("Web.Config", "WebConfig")]
    [InlineData("App.dll", "Deploy")]
    [InlineData("appsettings.json", "Deploy")]
    [InlineData("runtimes/linux-x64/native/libe_sqlite3.so", "Deploy")]
    [InlineData("", "Deploy")]
    [InlineData("wwwroot/css/site.css", "None")]
    [InlineData("wwwroot", "None")]
    [InlineData("trace.log", "None")]
    public void Classifies_WhatMeansANewVersion(string path, string expected)
    {
        Assert.Equal(expected, AppFileFilter.Classify(path, settings: null).ToString());
    }

    [Fact]
    public void TheAppsOwnStdoutLog_IsNotADeploy()
    {
        var settings = new AspNetCoreSettings { ProcessPath = "dotnet", StdoutLogFile = @".\logs\stdout" };

        Assert.Equal(AppFileChange.None, AppFileFilter.Classify("logs/stdout_20261124_1.txt", settings));
        Assert.Equal(AppFileChange.None, AppFileFilter.Classify("logs", settings));
        Assert.Equal(AppFileChange.Deploy, AppFileFilter.Classify("logsettings.json", settings));
    }
}
