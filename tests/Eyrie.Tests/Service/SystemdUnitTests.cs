using Eyrie.Service;
using Eyrie.Tests.Common;

namespace Eyrie.Tests.Service;

public sealed class SystemdUnitTests
{
    private static readonly string Golden = RepositoryPaths.Combine("tests", "Eyrie.Tests", "Service", "Golden");

    private static ServiceUnitSettings Settings(int systemdVersion) => new(
        "eyrie",
        ["/usr/share/dotnet/dotnet", "/opt/eyrie/eyrie.dll", "serve", "--config", "/etc/eyrie/eyrie.json"],
        "/etc/eyrie/eyrie.json",
        "/etc/eyrie",
        ["/etc/eyrie", "/srv/shop", "/home/web"],
        TimeSpan.FromSeconds(65),
        systemdVersion,
        User: "web",
        Group: "www-data");

    [Fact]
    public void Render_ForSystemd252_IsTypeNotify_AndReloadsBySighup() =>
        GoldenFile.AssertMatches(Path.Combine(Golden, "systemd-252.service"), SystemdUnit.Render(Settings(252)));

    [Fact]
    public void Render_ForSystemd253_IsTypeNotifyReload_WithoutExecReload() =>
        GoldenFile.AssertMatches(Path.Combine(Golden, "systemd-253.service"), SystemdUnit.Render(Settings(253)));

    [Fact]
    public void Render_HardensTheService_AndNeverDeniesWriteExecuteMemory()
    {
        var lines = SystemdUnit.Render(Settings(252)).Split('\n');

        Assert.Contains("KillMode=mixed", lines);
        Assert.Contains("TimeoutStopSec=65s", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("NoNewPrivileges=yes", lines);
        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Contains("ReadWritePaths=-/etc/eyrie -/srv/shop -/home/web", lines);
        Assert.Contains("CapabilityBoundingSet=CAP_NET_BIND_SERVICE", lines);
        Assert.Contains("AmbientCapabilities=CAP_NET_BIND_SERVICE", lines);
        Assert.Contains("LimitNOFILE=1048576", lines);
        Assert.Contains("User=web", lines);
        Assert.Contains("Group=www-data", lines);
        Assert.Contains("RuntimeDirectory=eyrie", lines);

        // The JIT writes code and then runs it: the setting would stop .NET at its first method.
        Assert.DoesNotContain(lines, l => l.StartsWith("MemoryDenyWriteExecute=", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_WithoutUser_RunsAsRoot_AndWithDotnetOutsideTheDefaultPath_SetsPath()
    {
        var text = SystemdUnit.Render(Settings(252) with { User = null, Group = null, SearchPath = "/opt/dotnet:/usr/bin", PrivateTmp = false });

        Assert.DoesNotContain("User=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Group=", text, StringComparison.Ordinal);
        Assert.Contains("\nEnvironment=PATH=/opt/dotnet:/usr/bin\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PrivateTmp=yes", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/eyrie/eyrie.json", "/etc/eyrie/eyrie.json")]
    [InlineData("/srv/my sites/eyrie.json", "\"/srv/my sites/eyrie.json\"")]
    [InlineData("/srv/$HOME/100%", "/srv/$$HOME/100%%")]
    [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
    [InlineData("", "\"\"")]
    [InlineData(";", "\";\"")]
    public void Argument_EscapesVariablesAndSpecifiers_AndQuotesWhatSystemdWouldSplit(string value, string expected) =>
        Assert.Equal(expected, SystemdUnit.Argument(value));

    [Fact]
    public void Path_QuotesSpaces_AndEscapesSpecifiersButNotDollars() =>
        Assert.Equal("\"-/srv/a b/$x%%\"", SystemdUnit.Path("-/srv/a b/$x%"));

    [Fact]
    public void AValueWithALineBreak_IsRefused() =>
        Assert.Throws<ArgumentException>(() => SystemdUnit.Argument("a\nExecStartPre=/bin/evil"));
}
