using Eyrie.Configuration.Model;
using Eyrie.Configuration.Paths;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Paths;

public sealed class AdminSocketPathTests
{
    [Fact]
    public void Resolve_ConfiguredSocket_IsRelativeToTheConfigFolder() =>
        Assert.Equal("/etc/eyrie/admin.sock", AdminSocketPath.Resolve(new AdminConfig { Socket = "admin.sock" }, "/etc/eyrie/eyrie.json", "/etc/eyrie"));

    [Fact]
    public void Resolve_Derived_NamesTheSocketAfterTheConfigPath()
    {
        var a = AdminSocketPath.Resolve(null, "/etc/eyrie/eyrie.json", "/etc/eyrie");
        var b = AdminSocketPath.Resolve(null, "/etc/other/eyrie.json", "/etc/other");

        Assert.Matches(@"^eyrie-[0-9a-f]{12}\.sock$", Path.GetFileName(a));
        Assert.NotEqual(Path.GetFileName(a), Path.GetFileName(b));
    }

    [Fact]
    public void FindInServiceFolders_FindsTheDerivedSocketInAServicesRuntimeFolder()
    {
        using var run = new TempDirectory("run");
        var derived = AdminSocketPath.Resolve(null, "/etc/eyrie/eyrie.json", "/etc/eyrie");
        run.CreateFolder("other");
        var socket = run.Write(Path.Combine("eyrie", Path.GetFileName(derived)), "");

        Assert.Equal(socket, AdminSocketPath.FindInServiceFolders(derived, run.Path));
        Assert.Null(AdminSocketPath.FindInServiceFolders(Path.Combine("/x", "eyrie-000000000000.sock"), run.Path));
        Assert.Null(AdminSocketPath.FindInServiceFolders(derived, run.Combine("missing")));
    }
}
