using Eyrie.Processes.Launching;
using Eyrie.Tests.Common;

namespace Eyrie.Processes.Tests.Launching;

public sealed class WindowsPathTests
{
    [Fact]
    public void NormalizeArgument_ConvertsRelativeWindowsPathsOnly()
    {
        using var dir = new TempDirectory("paths");
        dir.Write("config/app.json", "{}");

        Assert.Equal("./App.dll", WindowsPath.NormalizeArgument(@".\App.dll", dir.Path));
        Assert.Equal("../x/App.dll", WindowsPath.NormalizeArgument(@"..\x\App.dll", dir.Path));
        Assert.Equal("config/app.json", WindowsPath.NormalizeArgument(@"config\app.json", dir.Path));
        Assert.Equal(@"^\d+$", WindowsPath.NormalizeArgument(@"^\d+$", dir.Path));
        Assert.Equal("--plain", WindowsPath.NormalizeArgument("--plain", dir.Path));
    }
}
