using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Tests.Launching;

public sealed class EnvironmentExpanderTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["HOME"] = "/home/e", ["Path"] = "/bin" };

    [Theory]
    [InlineData("%HOME%/logs", "/home/e/logs")]
    [InlineData("%home%", "/home/e")]
    [InlineData("%PATH%:%HOME%", "/bin:/home/e")]
    [InlineData("%NOPE%", "%NOPE%")]
    [InlineData("100% sure %HOME%", "100% sure /home/e")]
    [InlineData("%%HOME%", "%/home/e")]
    [InlineData("no variables", "no variables")]
    [InlineData("%", "%")]
    public void Expand_IsWindowsExpandEnvironmentStrings(string text, string expected) =>
        Assert.Equal(expected, EnvironmentExpander.Expand(text, Environment));
}
