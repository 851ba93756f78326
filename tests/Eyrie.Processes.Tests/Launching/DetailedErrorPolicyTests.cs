using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Tests.Launching;

public sealed class DetailedErrorPolicyTests
{
    private static AspNetCoreSettings WithEnvironment(string name, string value) =>
        new() { EnvironmentVariables = new ConfigMap([new(name, value)]) };

    [Fact]
    public void IsEnabled_DevelopmentInWebConfig() =>
        Assert.True(DetailedErrorPolicy.IsEnabled(new Dictionary<string, string>(), WithEnvironment("ASPNETCORE_ENVIRONMENT", "development")));

    [Fact]
    public void IsEnabled_DetailedErrorsSwitch() =>
        Assert.True(DetailedErrorPolicy.IsEnabled(new Dictionary<string, string> { ["ASPNETCORE_DETAILEDERRORS"] = "1" }, null));

    [Fact]
    public void IsEnabled_ProcessEnvironmentIsReadFirst() =>
        Assert.False(DetailedErrorPolicy.IsEnabled(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")));

    [Fact]
    public void IsEnabled_DefaultIsOff() =>
        Assert.False(DetailedErrorPolicy.IsEnabled(new Dictionary<string, string>(), new AspNetCoreSettings()));
}
