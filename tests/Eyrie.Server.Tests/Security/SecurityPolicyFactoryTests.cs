using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.WebConfig;
using Eyrie.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eyrie.Server.Tests.Security;

/// <summary>IIS inheritance: IIS's defaults, then the site, the application, the app's web.config and its locations.</summary>
public sealed class SecurityPolicyFactoryTests : IDisposable
{
    private readonly DynamicIpLimiterRegistry _limiters = new(TimeProvider.System, NullLoggerFactory.Instance);

    public void Dispose() => _limiters.Dispose();

    private static readonly SiteConfig Site = new()
    {
        Name = "S",
        RequestFiltering = new() { Verbs = new() { Add = [new VerbRule { Verb = "TRACE", Allowed = false }] } },
        IpSecurity = new() { Add = [new IpSecurityEntry { IpAddress = "10.0.0.1", Allowed = false }] },
        DynamicIpSecurity = new() { DenyByRequestRate = new() { Enabled = true, MaxRequests = 100 } },
    };

    private static readonly ApplicationConfig Application = new()
    {
        Path = "/app",
        PhysicalPath = "/srv/app",
        RequestFiltering = new() { HiddenSegments = new() { Add = [new SegmentEntry { Segment = "secret" }] } },
    };

    private static readonly WebConfigLocation[] WebConfig =
    [
        new("/", new RequestFilteringConfig { FileExtensions = new() { Remove = [new FileExtensionRule { FileExtension = ".config" }] } }, null, null),
        new("/admin", new RequestFilteringConfig { Verbs = new() { AllowUnlisted = false, Add = [new VerbRule { Verb = "GET" }] } },
            new IpSecurityConfig { AllowUnlisted = false, Add = [new IpSecurityEntry { IpAddress = "10.0.0.0/8", Allowed = true }] },
            new DynamicIpSecurityConfig { DenyByConcurrentRequests = new() { Enabled = true, MaxConcurrentRequests = 2 } }),
    ];

    private static int Filter(SecurityPolicy policy, string path, string method = "GET")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = path;
        var decision = policy.Filter.Check(context);
        return decision.IsDenied ? decision.Status * 1000 + decision.SubStatus : 0;
    }

    private static bool Denied(SecurityPolicy policy, string client) => policy.IpRestriction?.Check(IPAddress.Parse(client)).IsDenied ?? false;

    [Fact]
    public void EachLevel_AddsToTheOneAbove()
    {
        var security = new SecurityPolicyFactory(_limiters).ForApplication(Site, Application, "/app", WebConfig);
        var root = security.For("/page");
        var admin = security.For("/Admin/users");

        Assert.Equal(404006, Filter(root, "/x", "TRACE")); // site
        Assert.Equal(404008, Filter(root, "/secret/x")); // application
        Assert.Equal(404008, Filter(root, "/bin/x")); // IIS's defaults
        Assert.Equal(0, Filter(root, "/site.config")); // web.config removed the inherited .config rule
        Assert.Equal(0, Filter(root, "/x", "POST"));

        Assert.Equal(404006, Filter(admin, "/admin/x", "POST")); // location: only GET
        Assert.Equal(404008, Filter(admin, "/admin/secret")); // still inherits the application's
        Assert.Equal(0, Filter(admin, "/admin/site.config"));

        Assert.True(Denied(root, "10.0.0.1"));
        Assert.False(Denied(root, "192.0.2.1"));
        Assert.True(Denied(admin, "10.0.0.1")); // the site's rule comes first
        Assert.False(Denied(admin, "10.0.0.2"));
        Assert.True(Denied(admin, "192.0.2.1"));
    }

    [Fact]
    public void DynamicLimits_AreSharedWhereTheSettingsComeFromTheSameLevel_AndKeptAcrossReloads()
    {
        var first = new SecurityPolicyFactory(_limiters);
        var security = first.ForApplication(Site, Application, "/app", WebConfig);
        var other = first.ForApplication(Site, Application with { Path = "/other" }, "/other", []);

        Assert.Same(security.Root.DynamicIp, other.Root.DynamicIp); // both inherit the site's: one count per client
        Assert.NotSame(security.Root.DynamicIp, security.For("/admin").DynamicIp);
        Assert.NotNull(security.For("/admin").DynamicIp);

        var reloaded = new SecurityPolicyFactory(_limiters).ForApplication(Site, Application, "/app", WebConfig);
        Assert.Same(security.Root.DynamicIp, reloaded.Root.DynamicIp);
    }
}
