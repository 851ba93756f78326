using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.WebConfig;
using Eyrie.Configuration.WebConfig.Sections;
using Eyrie.Server.Errors;
using Eyrie.Server.WebServer;
using Eyrie.Tests.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eyrie.Server.Tests.WebServer;

/// <summary>An app's web.config sections compiled into its web server policies: inheritance by location, and errors that name the rule or entry.</summary>
public sealed class WebServerPolicyFactoryTests : IDisposable
{
    private readonly TempDirectory _app = new("webserver-policy");

    public void Dispose() => _app.Dispose();

    private (RouteWebServer WebServer, DiagnosticBag Diagnostics) Build(string appPath, string webServerXml, string? locationPath = null, string? locationXml = null)
    {
        var location = locationPath is null ? "" : $"""<location path="{locationPath}"><system.webServer>{locationXml}</system.webServer></location>""";
        _app.Write("web.config", $"""
            <configuration>
              <system.webServer>
                <aspNetCore processPath="dotnet" arguments=".\App.dll" />
                {webServerXml}
              </system.webServer>
              {location}
            </configuration>
            """);
        var diagnostics = new DiagnosticBag();
        var file = WebConfigReader.ReadFromFolder(_app.Path, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        return (WebServerPolicyFactory.Build(appPath, _app.Path, file!.Locations, NullLogger.Instance, diagnostics), diagnostics);
    }

    [Fact]
    public void Location_InheritsTheRootAndEditsItsCollections()
    {
        var (webServer, _) = Build("/shop",
            """<httpProtocol><customHeaders><add name="X-A" value="1" /><add name="X-B" value="2" /></customHeaders></httpProtocol>""",
            "admin", """<httpProtocol allowKeepAlive="false"><customHeaders><remove name="X-A" /><add name="X-C" value="3" /></customHeaders></httpProtocol>""");

        var root = webServer.For("/shop/cart");
        Assert.Equal(["X-A", "X-B"], root.CustomHeaders.Select(h => h.Name));
        Assert.False(root.CloseConnection);
        var admin = webServer.For("/shop/admin/users");
        Assert.Equal(["X-B", "X-C"], admin.CustomHeaders.Select(h => h.Name));
        Assert.True(admin.CloseConnection);
        Assert.Same(WebServerPolicy.None, webServer.For("/other"));
    }

    [Fact]
    public void RewriteRuleThatCannotBeUsed_IsAnErrorAtItsLine_AndTheAppAnswers50019()
    {
        var (webServer, diagnostics) = Build("/", """
            <rewrite><rules>
              <rule name="fine"><match url="^a$" /><action type="Rewrite" url="b" /></rule>
              <rule name="broken"><match url="^(unclosed$" /><action type="Rewrite" url="b" /></rule>
            </rules></rewrite>
            """);

        var error = Assert.Single(diagnostics.Items, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("system.webServer/rewrite/rules/rule[broken]", error.Key);
        Assert.Equal(6, error.Location.Line);
        Assert.StartsWith("the rule cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.NotNull(webServer.ConfigurationError);
    }

    [Fact]
    public void CustomErrorFileOutsideTheApp_IsRefused()
    {
        var (webServer, diagnostics) = Build("/", """
            <httpErrors errorMode="Custom"><error statusCode="404" path="..\..\etc\passwd" responseMode="File" /></httpErrors>
            """);

        Assert.Contains(diagnostics.Items, d => d.Severity == DiagnosticSeverity.Error && d.Key == "system.webServer/httpErrors/error/@path");
        Assert.NotNull(webServer.ConfigurationError);
    }

    [Fact]
    public void CustomErrors_FollowErrorModeAndExistingResponse()
    {
        var (webServer, _) = Build("/", """
            <httpErrors existingResponse="Auto">
              <error statusCode="404" path="404.html" />
              <error statusCode="404" subStatusCode="7" path="ext.html" />
            </httpErrors>
            """);
        var errors = webServer.For("/").Errors!;

        Assert.Equal(HttpErrorMode.DetailedLocalOnly, errors.Mode);
        Assert.Null(errors.Find(404, 0, localClient: true, ErrorOrigin.Server));
        Assert.EndsWith("404.html", errors.Find(404, 0, localClient: false, ErrorOrigin.Server)!.Target, StringComparison.Ordinal);
        Assert.EndsWith("ext.html", errors.Find(404, 7, localClient: false, ErrorOrigin.Server)!.Target, StringComparison.Ordinal);
        Assert.Null(errors.Find(404, 0, localClient: false, ErrorOrigin.Module));
        Assert.Null(errors.Find(500, 0, localClient: false, ErrorOrigin.Server));
        Assert.Null(errors.Find(404, 0, localClient: false, ErrorOrigin.Fixed));
    }

    [Theory]
    [InlineData("/old/a/b.htm?x=1", "https://new.example/a/b.htm?x=1")]
    [InlineData("/old", null)]
    [InlineData("/old/page.php?id=2", "/php/old/page.php?id=2")]
    public void HttpRedirect_AppendsTheRestOfThePath_OrUsesAWildcard(string url, string? expected)
    {
        var (webServer, _) = Build("/", "", "old", """
            <httpRedirect enabled="true" destination="https://new.example/" childOnly="true" httpResponseStatus="Permanent">
              <add wildcard="*.php" destination="/php$V$Q" />
            </httpRedirect>
            """);
        var context = new DefaultHttpContext();
        var query = url.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? url : url[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);

        var redirect = webServer.For(context.Request.Path.Value).Redirect!;
        Assert.Equal(301, redirect.Status);
        Assert.Equal(expected, redirect.Target(context.Request));
    }
}
