using Eyrie.Service;
using Eyrie.Tests.Common;

namespace Eyrie.Tests.Service;

public sealed class UserAccountsTests
{
    [Fact]
    public void Home_ByNameOrUid_FromPasswd()
    {
        using var dir = new TempDirectory("passwd");
        var passwd = dir.Write("passwd", "root:x:0:0:root:/root:/bin/bash\nweb:x:998:998:Web apps:/var/lib/web:/usr/sbin/nologin\nbroken\n");

        Assert.Equal("/var/lib/web", UserAccounts.Home("web", passwd));
        Assert.Equal("/var/lib/web", UserAccounts.Home("998", passwd));
        Assert.Equal("/root", UserAccounts.Home("root", passwd));
        Assert.Null(UserAccounts.Home("nobody", passwd));
        Assert.Null(UserAccounts.Home("web", dir.Combine("missing")));
    }
}
