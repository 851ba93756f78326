using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Tests.Launching;

public sealed class WindowsCommandLineTests
{
    [Theory]
    [InlineData(@".\MyApp.dll", new[] { @".\MyApp.dll" })]
    [InlineData("a  b\tc", new[] { "a", "b", "c" })]
    [InlineData("\"with space\" x", new[] { "with space", "x" })]
    [InlineData("\"a\"\"b\"", new[] { "a\"b" })]
    [InlineData("a\\\"b", new[] { "a\"b" })]
    [InlineData("a\\\\\"b c\"", new[] { "a\\b c" })]
    [InlineData("c:\\path\\to\\file", new[] { "c:\\path\\to\\file" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("", new string[0])]
    public void Split_FollowsTheWindowsRules(string commandLine, string[] expected) =>
        Assert.Equal(expected, WindowsCommandLine.Split(commandLine));
}
