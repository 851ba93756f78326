using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;
using Eyrie.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Tests.Security;

public sealed class RequestFilterTests
{
    private static readonly RequestFilter Defaults = new(IisSecurityDefaults.RequestFiltering, null);

    private static RequestFilter Filter(RequestFilteringConfig site, SiteLimitsConfig? limits = null) =>
        new(IisSecurityDefaults.RequestFiltering.Over(site), limits);

    private static DefaultHttpContext Request(string target, string method = "GET", Dictionary<string, string>? headers = null, long? contentLength = null)
    {
        var context = new DefaultHttpContext();
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
        context.Request.Method = method;
        context.Request.Path = PathString.FromUriComponent(path);
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(target[query..]);
        context.Request.ContentLength = contentLength;
        foreach (var (name, value) in headers ?? [])
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    private static int? SubStatus(RequestFilter filter, HttpContext context)
    {
        var decision = filter.Check(context);
        return decision.IsDenied ? decision.SubStatus : null;
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/index.html", null)]
    [InlineData("/web.config", 8)]
    [InlineData("/WEB.CONFIG", 8)]
    [InlineData("/bin/app.dll", 8)]
    [InlineData("/Bin", 8)]
    [InlineData("/binary/app.dll", null)]
    [InlineData("/a/App_Data/x", 8)]
    [InlineData("/site.config", 7)]
    [InlineData("/Program.cs", 7)]
    [InlineData("/db.MDF", 7)]
    [InlineData("/appsettings.json", null)]
    [InlineData("/a%252fb", 11)]
    [InlineData("/a+b", 11)]
    [InlineData("/caf%C3%A9", null)]
    public void IisDefaults(string target, int? subStatus) => Assert.Equal(subStatus, SubStatus(Defaults, Request(target)));

    [Fact]
    public void Verbs_ListedDenied_OrUnlistedWhenNotAllowUnlisted()
    {
        var denyTrace = Filter(new() { Verbs = new() { Add = [new VerbRule { Verb = "TRACE", Allowed = false }] } });
        var onlyGet = Filter(new() { Verbs = new() { AllowUnlisted = false, Add = [new VerbRule { Verb = "GET" }] } });

        Assert.Equal(6, SubStatus(denyTrace, Request("/", "TRACE")));
        Assert.Null(SubStatus(denyTrace, Request("/", "POST")));
        Assert.Null(SubStatus(onlyGet, Request("/")));
        Assert.Equal(6, SubStatus(onlyGet, Request("/", "DELETE")));
    }

    [Fact]
    public void FileExtensions_AllowList_WithDotForExtensionless()
    {
        var onlyHtml = Filter(new() { FileExtensions = new() { AllowUnlisted = false, Add = [new FileExtensionRule { FileExtension = ".html" }] } });
        var htmlAndExtensionless = Filter(new() { FileExtensions = new() { AllowUnlisted = false, Add = [new FileExtensionRule { FileExtension = ".html" }, new FileExtensionRule { FileExtension = "." }] } });

        Assert.Null(SubStatus(onlyHtml, Request("/a/page.HTML")));
        Assert.Equal(7, SubStatus(onlyHtml, Request("/a/page.php")));
        Assert.Equal(7, SubStatus(onlyHtml, Request("/api/users")));
        Assert.Null(SubStatus(htmlAndExtensionless, Request("/api/users")));
    }

    [Fact]
    public void Limits_AtTheLimitPass_OneMoreIsDenied()
    {
        var filter = Filter(new() { RequestLimits = new() { MaxUrl = 10, MaxQueryString = 5, MaxAllowedContentLength = 100 } }, new SiteLimitsConfig { MaxUrlSegments = 3 });

        Assert.Null(SubStatus(filter, Request("/123456789")));
        Assert.Equal(14, SubStatus(filter, Request("/1234567890")));
        Assert.Null(SubStatus(filter, Request("/?12345")));
        Assert.Equal(15, SubStatus(filter, Request("/?123456")));
        Assert.Null(SubStatus(filter, Request("/a/b/c")));
        Assert.Equal(20, SubStatus(filter, Request("/a/b/c/d")));
        Assert.Null(SubStatus(filter, Request("/", "POST", contentLength: 100)));
        Assert.Equal(SecurityDecision.Deny(413, 1), filter.Check(Request("/", "POST", contentLength: 101)));
        Assert.Equal(100, filter.MaxAllowedContentLength);
    }

    [Fact]
    public void HeaderLimits_SizeOrZeroForbidsTheHeader()
    {
        var filter = Filter(new() { RequestLimits = new() { HeaderLimits = new() { Add = [new HeaderLimitEntry { Header = "X-Small", SizeLimit = 3 }, new HeaderLimitEntry { Header = "X-Never", SizeLimit = 0 }] } } });

        Assert.True(filter.Check(Request("/", headers: new() { ["X-Small"] = "abc" })) is { IsDenied: false });
        Assert.Equal(SecurityDecision.Deny(431, 0), filter.Check(Request("/", headers: new() { ["x-small"] = "abcd" })));
        Assert.Equal(SecurityDecision.Deny(431, 0), filter.Check(Request("/", headers: new() { ["X-Never"] = "" })));
    }

    [Fact]
    public void HighBitCharacters_RawOrEscaped_WhenNotAllowed()
    {
        var filter = Filter(new() { AllowHighBitCharacters = false });

        Assert.Equal(12, SubStatus(filter, Request("/caf%C3%A9")));
        Assert.Equal(12, SubStatus(filter, Request("/café")));
        Assert.Null(SubStatus(filter, Request("/cafe%20x")));
    }

    [Fact]
    public void DoubleEscaping_Allowed_WhenConfigured()
    {
        var filter = Filter(new() { AllowDoubleEscaping = true });

        Assert.Null(SubStatus(filter, Request("/a%252fb")));
        Assert.Null(SubStatus(filter, Request("/a+b")));
    }

    [Fact]
    public void Sequences_DeniedInUrlAndQuery_UnlessAlwaysAllowed()
    {
        var filter = Filter(new()
        {
            DenyUrlSequences = new() { Add = [new SequenceEntry { Sequence = ".." }, new SequenceEntry { Sequence = "secret" }] },
            AlwaysAllowedUrls = new() { Add = [new UrlEntry { Url = "/docs/secret" }] },
            DenyQueryStringSequences = new() { Add = [new SequenceEntry { Sequence = "<script" }] },
            AlwaysAllowedQueryStrings = new() { Add = [new QueryStringEntry { QueryString = "?q=<script>" }] },
        });

        Assert.Equal(5, SubStatus(filter, Request("/a/SECRET/b")));
        Assert.Equal(5, SubStatus(filter, Request("/a/%2e%2e/b")));
        Assert.Null(SubStatus(filter, Request("/docs/secret")));
        Assert.Equal(18, SubStatus(filter, Request("/?q=%3cscript")));
        Assert.Equal(18, SubStatus(filter, Request("/?q=<SCRIPT")));
        Assert.Null(SubStatus(filter, Request("/?q=<script>")));
    }

    [Fact]
    public void UnescapeQueryString_Off_ScansTheRawQueryOnly()
    {
        var filter = Filter(new() { UnescapeQueryString = false, DenyQueryStringSequences = new() { Add = [new SequenceEntry { Sequence = "<script" }] } });

        Assert.Null(SubStatus(filter, Request("/?q=%3cscript")));
        Assert.Equal(18, SubStatus(filter, Request("/?q=<script")));
    }

    [Fact]
    public void FilteringRules_ScanWhatTheyName_ForTheExtensionsTheyApplyTo()
    {
        var filter = Filter(new()
        {
            FilteringRules = new()
            {
                Add =
                [
                    new FilteringRuleConfig { Name = "url", ScanUrl = true, DenyUnescapedPercent = false, DenyStrings = new() { Add = [new DenyStringEntry { Value = "wp-admin" }] } },
                    new FilteringRuleConfig { Name = "query", ScanQueryString = true, DenyUnescapedPercent = false, AppliesTo = new() { Add = [new FileExtensionEntry { FileExtension = ".php" }] }, DenyStrings = new() { Add = [new DenyStringEntry { Value = "union select" }] } },
                    new FilteringRuleConfig { Name = "agent", DenyUnescapedPercent = false, ScanHeaders = new() { Add = [new RequestHeaderEntry { RequestHeader = "User-Agent" }] }, DenyStrings = new() { Add = [new DenyStringEntry { Value = "sqlmap" }] } },
                    new FilteringRuleConfig { Name = "percent", ScanUrl = true, AppliesTo = new() { Add = [new FileExtensionEntry { FileExtension = ".asp" }] } },
                ],
            },
        });

        Assert.Equal(19, SubStatus(filter, Request("/WP-ADMIN/x")));
        Assert.Equal(19, SubStatus(filter, Request("/a.php?id=1%20UNION%20SELECT%201")));
        Assert.Null(SubStatus(filter, Request("/a.aspx?id=1%20union%20select%201")));
        Assert.Equal(19, SubStatus(filter, Request("/", headers: new() { ["User-Agent"] = "sqlmap/1.8" })));
        Assert.Null(SubStatus(filter, Request("/", headers: new() { ["Referer"] = "sqlmap" })));
        Assert.Equal(19, SubStatus(filter, Request("/x%25.asp")));
    }

    [Fact]
    public void RemoveAtAChildLevel_DropsOneInheritedEntry()
    {
        var filter = Filter(new()
        {
            HiddenSegments = new() { Remove = [new SegmentEntry { Segment = "BIN" }] },
            FileExtensions = new() { Remove = [new FileExtensionRule { FileExtension = ".config" }] },
        });

        Assert.Null(SubStatus(filter, Request("/bin/app.dll")));
        Assert.Equal(8, SubStatus(filter, Request("/App_Data/x")));
        Assert.Null(SubStatus(filter, Request("/site.config")));
        Assert.Equal(7, SubStatus(filter, Request("/Program.cs")));
    }

    [Fact]
    public void ClearAtAChildLevel_DropsTheInheritedList()
    {
        var filter = Filter(new() { HiddenSegments = new() { Clear = true, Add = [new SegmentEntry { Segment = "private" }] } });

        Assert.Null(SubStatus(filter, Request("/bin/app.dll")));
        Assert.Equal(8, SubStatus(filter, Request("/private/x")));
    }
}
