using System.Net;
using System.Text.RegularExpressions;
using Eyrie.Configuration;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// An unmodified `dotnet new webapp`, published with `dotnet publish`, served at / and, through eyrie.json,
/// at /shop: pages, static assets and generated links all work.
/// </summary>
public sealed partial class WebAppTemplateTests(WebAppTemplateFixture webApp, ITestOutputHelper output) : IClassFixture<WebAppTemplateFixture>
{
    [Fact]
    public async Task PublishedWebApp_AtRootAndAtShop_ServesPagesLinksAndStaticAssets()
    {
        Assert.Contains("AspNetCoreModuleV2", File.ReadAllText(Path.Combine(webApp.PublishFolder, "web.config")), StringComparison.Ordinal);
        using var dir = new TempDirectory("webapp-config");
        var configFile = dir.Write("eyrie.json", $$"""
            {
              "sites": [ {
                "name": "Shop",
                "bindings": [ { "port": 0 } ],
                "applications": [
                  { "path": "/", "physicalPath": "{{webApp.PublishFolder}}" },
                  { "path": "/shop", "physicalPath": "{{webApp.PublishFolder}}" }
                ]
              } ]
            }
            """);
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieConfigLoader.Load(configFile), output);
        using var client = eyrie.CreateClient();

        await AssertSiteWorksAsync(client, "");
        await AssertSiteWorksAsync(client, "/shop");

        // Each path has its own worker; a request straight to one, without Eyrie's token, is refused.
        Assert.Equal(2, eyrie.Pools.Pools.Sum(p => p.Workers.Count));
        foreach (var pool in eyrie.Pools.Pools)
        {
            using var direct = new HttpClient { BaseAddress = new Uri(pool.Workers.Single().DestinationPrefix) };
            using var response = await direct.GetAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static async Task AssertSiteWorksAsync(HttpClient client, string pathBase)
    {
        var (status, home) = await client.GetTextAsync(pathBase + "/");
        Assert.Equal(200, status);
        Assert.Contains("Welcome", home, StringComparison.Ordinal);

        // Every local link and asset the page generated carries the path base, and answers.
        var links = LocalLinks().Matches(home).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();
        Assert.Contains(links, l => l.Contains("/css/site", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("/Privacy", StringComparison.Ordinal));
        foreach (var link in links)
        {
            Assert.True(link == pathBase || link.StartsWith(pathBase + "/", StringComparison.Ordinal), $"{link} is outside {pathBase}/");
            var (linkStatus, _) = await client.GetTextAsync(link);
            Assert.True(linkStatus == 200, $"{link} answered {linkStatus}");
        }

        var (privacyStatus, privacy) = await client.GetTextAsync(pathBase + "/Privacy");
        Assert.Equal(200, privacyStatus);
        Assert.Contains("Privacy Policy", privacy, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:href|src)="(?<url>/[^"#]*)""")]
    private static partial Regex LocalLinks();
}
