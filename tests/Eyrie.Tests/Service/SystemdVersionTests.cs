using Eyrie.Service;

namespace Eyrie.Tests.Service;

public sealed class SystemdVersionTests
{
    [Theory]
    [InlineData("systemd 252 (252.38-1~deb12u1)\n+PAM +AUDIT +SELINUX\n", 252)]
    [InlineData("systemd 256 (256.7-1)\n", 256)]
    [InlineData("systemd 249\n", 249)]
    public void Parse_ReadsTheFirstLine(string text, int expected) =>
        Assert.Equal(expected, SystemdVersion.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("command not found")]
    [InlineData("systemd unknown")]
    public void Parse_SomethingElse_IsNull(string text) =>
        Assert.Null(SystemdVersion.Parse(text));
}
