using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>`eyrie service install` as an operator runs it: the unit it writes, checked by systemd itself where it is installed.</summary>
public sealed class ServiceInstallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Install_WritesAUnitThatRunsThisEyrieWithTheAbsoluteConfig_AndSystemdAcceptsIt()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("service");
        dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));
        var units = dir.CreateFolder("units");

        // A relative --config, as typed in the configuration's folder.
        var (exitCode, text) = await EyrieProcess.RunAsync(output, "service", "install", "--config", Path.GetRelativePath(Environment.CurrentDirectory, dir.Combine("eyrie.json")), "--output", units, "--name", "eyrie-test");

        Assert.Equal(0, exitCode);
        var file = Path.Combine(units, "eyrie-test.service");
        Assert.Contains($"Wrote {file}", text, StringComparison.Ordinal);
        Assert.Contains("systemctl enable --now eyrie-test", text, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        Assert.Contains(lines, l => l.StartsWith("ExecStart=", StringComparison.Ordinal) && l.EndsWith($" {TestAssets.EyrieCli} serve --config {dir.Combine("eyrie.json")}", StringComparison.Ordinal));
        Assert.Contains($"WorkingDirectory={dir.Path}", lines);
        Assert.Contains(lines, l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal) && l.Contains($"-{dir.Path} ", StringComparison.Ordinal) && l.Contains($"-{app.Path}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l is "Type=notify" or "Type=notify-reload");

        // systemd's own check (unknown keys, bad values, a missing program), where systemd is installed.
        if (File.Exists("/usr/bin/systemd-analyze"))
        {
            var (verifyCode, verifyOut, verifyErr) = await ExternalTool.RunAsync("systemd-analyze", ["verify", file]);
            Assert.True(verifyCode == 0 && verifyErr.Length == 0, $"systemd-analyze verify: {verifyCode}\n{verifyOut}{verifyErr}");
        }
    }

    [Fact]
    public async Task Install_ToStandardOutput_ForANewerSystemd_IsTypeNotifyReload()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("service");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));

        var (exitCode, text) = await EyrieProcess.RunAsync(output, "service", "install", "--config", config, "--output", "-", "--systemd-version", "256", "--user", "web");

        Assert.Equal(0, exitCode);
        Assert.Contains("\nType=notify-reload\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("ExecReload=", text, StringComparison.Ordinal);
        Assert.Contains("\nUser=web\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_InvalidOrMissingConfig_IsRefusedWithTheErrors_AndWritesNothing()
    {
        using var dir = new TempDirectory("service");
        var config = dir.Write("eyrie.json", "{ \"sites\": [ { \"name\": \"A\", \"bindings\": [ { \"port\": 99999 } ] } ] }");
        var units = dir.CreateFolder("units");

        var (invalidCode, invalid) = await EyrieProcess.RunAsync(output, "service", "install", "--config", config, "--output", units);
        var (missingCode, missing) = await EyrieProcess.RunAsync(output, "service", "install", "--config", dir.Combine("none.json"), "--output", units);

        Assert.Equal(1, invalidCode);
        Assert.Contains($"{config} is not valid", invalid, StringComparison.Ordinal);
        Assert.Contains("sites[0].bindings[0].port: must be between 0 and 65535", invalid, StringComparison.Ordinal);
        Assert.Equal(1, missingCode);
        Assert.Contains($"{dir.Combine("none.json")} does not exist", missing, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(units));
    }

    [Fact]
    public async Task Install_OverAnExistingUnit_NeedsForce()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("service");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplication(app.Path));
        var units = dir.CreateFolder("units");
        File.WriteAllText(Path.Combine(units, "eyrie.service"), "# edited by hand\n");

        var (refusedCode, refused) = await EyrieProcess.RunAsync(output, "service", "install", "--config", config, "--output", units);
        Assert.Equal(2, refusedCode);
        Assert.Contains("--force", refused, StringComparison.Ordinal);
        Assert.Equal("# edited by hand\n", File.ReadAllText(Path.Combine(units, "eyrie.service")));

        Assert.Equal(0, (await EyrieProcess.RunAsync(output, "service", "install", "--config", config, "--output", units, "--force")).ExitCode);
        Assert.Contains("KillMode=mixed", File.ReadAllText(Path.Combine(units, "eyrie.service")), StringComparison.Ordinal);
    }
}
