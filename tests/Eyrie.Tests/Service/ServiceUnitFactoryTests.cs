using Eyrie.Configuration;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Model;
using Eyrie.Service;

namespace Eyrie.Tests.Service;

public sealed class ServiceUnitFactoryTests
{
    private static readonly string[] Eyrie = ["/usr/bin/eyrie"];

    private static LoadedConfig Config(string folder, AdminConfig? admin = null, params (string Path, string? PhysicalPath)[] applications) => new(
        new EyrieConfig
        {
            Admin = admin,
            Sites =
            [
                new SiteConfig
                {
                    Name = "S",
                    Bindings = [new BindingConfig { Port = 80 }],
                    Applications = [.. applications.Select(a => new ApplicationConfig { Path = a.Path, PhysicalPath = a.PhysicalPath, WebFarm = a.PhysicalPath is null ? "farm" : null })],
                    VirtualDirectories = [new VirtualDirectoryConfig { Path = "/static", PhysicalPath = "/srv/static" }],
                },
            ],
        },
        Path.Combine(folder, "eyrie.json"),
        folder,
        new ConfigSourceMap(),
        []);

    [Fact]
    public void Create_RunsEyrieServeWithTheAbsoluteConfig_InItsFolder()
    {
        var settings = ServiceUnitFactory.Create(Config("/etc/eyrie"), "eyrie", ["/usr/share/dotnet/dotnet", "/opt/eyrie/eyrie.dll"], 252);

        Assert.Equal(["/usr/share/dotnet/dotnet", "/opt/eyrie/eyrie.dll", "serve", "--config", "/etc/eyrie/eyrie.json"], settings.ExecStart);
        Assert.Equal("/etc/eyrie", settings.WorkingDirectory);
        Assert.True(settings.PrivateTmp);
        Assert.Null(settings.SearchPath);
    }

    [Fact]
    public void Create_MakesTheConfigFolderTheAppsTheSocketAndTokenFoldersAndHomeWritable_EachOnce()
    {
        var config = Config("/etc/eyrie", new AdminConfig { Socket = "/run/eyrie-admin/admin.sock", TokenFile = "/var/lib/eyrie-token/token" },
            ("/", "/srv/shop"), ("/api", "/srv/shop/api"), ("/blog", "apps/blog"), ("/farm", null));

        var settings = ServiceUnitFactory.Create(config, "eyrie", Eyrie, 252, "web", home: "/var/lib/web");

        // Nested folders are covered by their parent; relative ones are resolved against eyrie.json's folder.
        Assert.Equal(["/etc/eyrie", "/srv/shop", "/run/eyrie-admin", "/var/lib/eyrie-token", "/var/lib/web"], settings.ReadWritePaths);
    }

    [Fact]
    public void Create_StopTimeout_CoversEyriesOwnShutdownBudget()
    {
        var settings = ServiceUnitFactory.Create(Config("/etc/eyrie", null, ("/", "/srv/shop")), "eyrie", Eyrie, 252);

        // Drain (30 s) + the default shutdownTimeLimit (10 s) + Eyrie's margin (15 s), and 10 s more for systemd.
        Assert.Equal(TimeSpan.FromSeconds(65), settings.StopTimeout);
    }

    [Fact]
    public void Create_ConfigUnderTmp_HasNoPrivateTmp()
    {
        var settings = ServiceUnitFactory.Create(Config("/tmp/site"), "eyrie", Eyrie, 252);

        Assert.False(settings.PrivateTmp);
    }

    [Fact]
    public void Create_DotnetOutsideTheDefaultPath_PutsItFirst()
    {
        var settings = ServiceUnitFactory.Create(Config("/etc/eyrie"), "eyrie", Eyrie, 252, dotnetFolder: "/opt/dotnet");

        Assert.Equal("/opt/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", settings.SearchPath);
    }
}
