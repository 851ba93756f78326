using Eyrie.Configuration.Model;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Pools;
using Eyrie.Tests.Common;

namespace Eyrie.Processes.Tests.Launching;

public sealed class WorkerLaunchPlannerTests : IDisposable
{
    private readonly TempDirectory _app = new("planner");
    private readonly Dictionary<string, string> _inherited;

    public WorkerLaunchPlannerTests()
    {
        _app.Write("MyApp.dll", "");
        _inherited = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/home/eyrie",
            ["ASPNETCORE_PORT"] = "1",
            ["Shared"] = "inherited",
        };
    }

    public void Dispose() => _app.Dispose();

    private ApplicationDefinition App(string path = "/shop", int? httpsPort = null) => new("Shop", path, _app.Path, HttpsPort: httpsPort);

    private WorkerLaunchPlan Plan(AspNetCoreSettings settings, ApplicationDefinition? app = null) =>
        WorkerLaunchPlanner.Plan(app ?? App(), settings, _inherited, () => 23456);

    private static AspNetCoreSettings Published(params (string Name, string Value)[] environment) => new()
    {
        ProcessPath = "dotnet",
        Arguments = @".\MyApp.dll --urls ignored",
        EnvironmentVariables = new ConfigMap(environment.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))),
    };

    [Fact]
    public void Plan_PublishedFrameworkDependentApp_RunsDotnetWithTheDllFromTheAppFolder()
    {
        var plan = Plan(Published());

        Assert.Equal("dotnet", Path.GetFileName(plan.FileName));
        Assert.True(Path.IsPathRooted(plan.FileName));
        Assert.Equal(["./MyApp.dll", "--urls", "ignored"], plan.Arguments);
        Assert.Equal(_app.Path, plan.WorkingDirectory);
    }

    [Fact]
    public void Plan_DoesNotPassTheServiceManagersNotifySocketOrWatchdogToWorkers()
    {
        _inherited["NOTIFY_SOCKET"] = "/run/systemd/notify";
        _inherited["WATCHDOG_PID"] = "4242";
        _inherited["WATCHDOG_USEC"] = "30000000";
        _inherited["INVOCATION_ID"] = "0123456789abcdef0123456789abcdef";

        var env = Plan(Published()).Environment;

        Assert.False(env.ContainsKey("NOTIFY_SOCKET"));
        Assert.False(env.ContainsKey("WATCHDOG_PID"));
        Assert.False(env.ContainsKey("WATCHDOG_USEC"));
        Assert.Equal("0123456789abcdef0123456789abcdef", env["INVOCATION_ID"]);
    }

    [Fact]
    public void Plan_SetsTheAncmVariables()
    {
        var plan = Plan(Published(), App(httpsPort: 8443));
        var env = plan.Environment;

        Assert.Equal("23456", env["ASPNETCORE_PORT"]);
        Assert.Equal(23456, plan.Port);
        Assert.False(plan.IsFixedPort);
        Assert.Equal("/shop", env["ASPNETCORE_APPL_PATH"]);
        Assert.True(Guid.TryParse(env["ASPNETCORE_TOKEN"], out _));
        Assert.Equal(plan.Token, env["ASPNETCORE_TOKEN"]);
        Assert.Equal("anonymous;", env["ASPNETCORE_IIS_HTTPAUTH"]);
        Assert.Equal("true", env["ASPNETCORE_IIS_WEBSOCKETS_SUPPORTED"]);
        Assert.Equal(_app.Path + "/", env["ASPNETCORE_IIS_PHYSICAL_PATH"]);
        Assert.Equal("8443", env["ASPNETCORE_ANCM_HTTPS_PORT"]);
        Assert.Equal("Microsoft.AspNetCore.Server.IISIntegration", env["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"]);
        Assert.Equal("/home/eyrie", env["HOME"]);
    }

    [Fact]
    public void Plan_EachWorkerGetsAFreshToken()
    {
        Assert.NotEqual(Plan(Published()).Token, Plan(Published()).Token);
    }

    [Fact]
    public void Plan_WebConfigVariables_WinOverInheritedOnes_AndAreExpanded()
    {
        var plan = Plan(Published(("SHARED", "web.config"), ("GREETING", "hello %HOME% %UNDEFINED%")));

        Assert.Equal("web.config", plan.Environment["SHARED"]);
        Assert.False(plan.Environment.ContainsKey("Shared"), "a web.config name replaces any spelling of it, as names are case-insensitive on Windows");
        Assert.Equal("hello /home/eyrie %UNDEFINED%", plan.Environment["GREETING"]);
    }

    [Fact]
    public void Plan_PreferEnvironmentVariables_FlipsPrecedence()
    {
        _inherited["ANCM_PREFER_ENVIRONMENT_VARIABLES"] = "true";

        var plan = Plan(Published(("Shared", "web.config"), ("NEW", "1")));

        Assert.Equal("inherited", plan.Environment["Shared"]);
        Assert.Equal("1", plan.Environment["NEW"]);
    }

    [Fact]
    public void Plan_ApplicationPath_CannotBeOverridden()
    {
        var plan = Plan(Published(("ASPNETCORE_APPL_PATH", "/elsewhere")));

        Assert.Equal("/shop", plan.Environment["ASPNETCORE_APPL_PATH"]);
    }

    [Fact]
    public void Plan_TokenAndHostingStartup_FromWebConfig_AreKept()
    {
        var plan = Plan(Published(("ASPNETCORE_TOKEN", "fixed-token"), ("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES", "Mine")));

        Assert.Equal("fixed-token", plan.Token);
        Assert.Equal("Mine", plan.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"]);
    }

    [Fact]
    public void Plan_InheritedHostingStartupAssemblies_AreExtended()
    {
        _inherited["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "Telemetry";

        Assert.Equal("Telemetry;Microsoft.AspNetCore.Server.IISIntegration", Plan(Published()).Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"]);
    }

    [Fact]
    public void Plan_FixedPortInWebConfig_IsUsedAsIs()
    {
        var plan = Plan(Published(("ASPNETCORE_PORT", "5005")));

        Assert.Equal(5005, plan.Port);
        Assert.True(plan.IsFixedPort);
        Assert.Equal("5005", plan.Environment["ASPNETCORE_PORT"]);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("48001")]
    [InlineData("abc")]
    public void Plan_FixedPortOutOfRange_IsACriticalError(string port)
    {
        var ex = Assert.Throws<WorkerLaunchException>(() => Plan(Published(("ASPNETCORE_PORT", port))));

        Assert.Contains("try removing it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoFreePort_IsAnError()
    {
        var ex = Assert.Throws<WorkerLaunchException>(() => WorkerLaunchPlanner.Plan(App(), Published(), _inherited, () => null));

        Assert.Contains("no free port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Plan_SelfContainedApphost_WithWindowsPath_RunsFromTheAppFolder()
    {
        var apphost = _app.Write("MyApp", "#!/bin/sh\n");
        File.SetUnixFileMode(apphost, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var plan = Plan(new AspNetCoreSettings { ProcessPath = @".\MyApp", Arguments = "" });

        Assert.Equal(apphost, plan.FileName);
        Assert.Empty(plan.Arguments);
    }

    [Fact]
    public void Plan_WindowsApphostName_RunsTheDllWithDotnet()
    {
        var plan = Plan(new AspNetCoreSettings { ProcessPath = @".\MyApp.exe", Arguments = "--flag" });

        Assert.Equal("dotnet", Path.GetFileName(plan.FileName));
        Assert.Equal([_app.Combine("MyApp.dll"), "--flag"], plan.Arguments);
        Assert.Contains("Windows apphost", plan.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MissingProgram_NamesItsResolvedPath()
    {
        var ex = Assert.Throws<WorkerLaunchException>(() => Plan(new AspNetCoreSettings { ProcessPath = @".\Missing" }));

        Assert.Contains(_app.Combine("Missing"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ProgramNotOnPath_IsAnError()
    {
        var ex = Assert.Throws<WorkerLaunchException>(() => Plan(new AspNetCoreSettings { ProcessPath = "no-such-program-eyrie" }));

        Assert.Contains("neither in the app folder nor on PATH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LauncherVariables_OverrideWebConfig()
    {
        _inherited["ANCM_LAUNCHER_PATH"] = "/bin/sh";
        _inherited["ANCM_LAUNCHER_ARGS"] = "-c \"echo hi\"";

        var plan = Plan(Published());

        Assert.Equal("/bin/sh", plan.FileName);
        Assert.Equal(["-c", "echo hi"], plan.Arguments);
    }

    [Fact]
    public void Plan_ProcessPathWithVariable_IsExpanded()
    {
        _inherited["TOOLS"] = "/bin";

        Assert.Equal("/bin/sh", Plan(new AspNetCoreSettings { ProcessPath = "%TOOLS%/sh" }).FileName);
    }
}
