using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>
/// An app whose web.config has URL rewrite rules, custom headers, custom error pages, a mimeMap with client
/// caching, httpRedirect and dynamic compression behaves as IIS documents those sections, checked on the wire.
/// </summary>
public sealed class WebServerSectionsTests(ITestOutputHelper output)
{
    private const string Sections = """
        <rewrite>
          <rules>
            <rule name="old to echo" stopProcessing="true">
              <match url="^old/(.*)$" />
              <action type="Rewrite" url="echo?from={R:1}" />
            </rule>
            <rule name="legacy" stopProcessing="true">
              <match url="^legacy$" />
              <action type="Redirect" url="/echo" redirectType="Permanent" />
            </rule>
            <rule name="no php" patternSyntax="Wildcard" stopProcessing="true">
              <match url="*.php" />
              <action type="CustomResponse" statusCode="403" subStatusCode="4" statusReason="Forbidden" statusDescription="No PHP here" />
            </rule>
            <rule name="secure needs https" stopProcessing="true">
              <match url="^secure/.*" />
              <conditions><add input="{HTTPS}" pattern="^OFF$" /></conditions>
              <action type="Redirect" url="https://{HTTP_HOST}/{R:0}" redirectType="Found" />
            </rule>
          </rules>
        </rewrite>
        <httpProtocol>
          <customHeaders>
            <add name="X-Frame-Options" value="DENY" />
            <add name="X-Team" value="eyrie" />
          </customHeaders>
        </httpProtocol>
        <httpErrors errorMode="Custom" existingResponse="Replace">
          <remove statusCode="404" />
          <error statusCode="404" path="errors\404.html" responseMode="File" />
          <error statusCode="500" path="/echo" responseMode="ExecuteURL" />
        </httpErrors>
        <staticContent>
          <mimeMap fileExtension=".webdata" mimeType="application/x-eyrie" />
          <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="01:00:00" />
        </staticContent>
        <urlCompression doDynamicCompression="true" />
        <security><requestFiltering><fileExtensions><add fileExtension=".secret" allowed="false" /></fileExtensions></requestFiltering></security>
        """;

    [Fact]
    public async Task WebConfigSections_BehaveAsIisDocuments()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().WebServer(Sections)
            .Location("moved", """<httpRedirect enabled="true" destination="/echo" httpResponseStatus="Permanent" />"""));
        Directory.CreateDirectory(app.Combine("errors"));
        File.WriteAllText(app.Combine("errors", "404.html"), "<h1>Custom 404</h1>");
        using var assets = new StaticFolder();
        assets.Write("data.webdata", "payload");
        var config = EyrieTestHost.SingleApplication(app.Path);
        config = config with { Sites = [config.Sites[0] with { VirtualDirectories = [new VirtualDirectoryConfig { Path = "/assets", PhysicalPath = assets.Path }] }] };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();

        // Rewrite: the app sees the new URL and IIS's X-Original-URL.
        var echo = await EchoAsync(client, "/old/abc");
        Assert.Equal("/echo", echo.GetProperty("path").GetString());
        Assert.Equal("?from=abc", echo.GetProperty("queryString").GetString());
        Assert.Equal("/old/abc", echo.GetProperty("headers").GetProperty("X-Original-URL").GetString());

        // Redirect, CustomResponse (Wildcard syntax), a condition on a server variable.
        using (var legacy = await client.GetAsync(new Uri("/legacy", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, legacy.StatusCode);
            Assert.Equal("/echo", legacy.Headers.Location?.OriginalString);
        }

        using (var php = await client.GetAsync(new Uri("/index.php", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, php.StatusCode);
        }

        using (var secure = await client.GetAsync(new Uri("/secure/page", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Found, secure.StatusCode);
            Assert.Equal($"https://127.0.0.1:{eyrie.Port}/secure/page", secure.Headers.Location?.OriginalString);
        }

        // Custom headers on every response: the app's, Eyrie's files, redirects.
        using (var pid = await client.GetAsync(new Uri("/pid", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal("DENY", pid.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("eyrie", pid.Headers.GetValues("X-Team").Single());
        }

        // A virtual directory below the app: the web.config's mimeMap and clientCache apply to its files.
        using (var data = await client.GetAsync(new Uri("/assets/data.webdata", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
            Assert.Equal("application/x-eyrie", data.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromHours(1), data.Headers.CacheControl?.MaxAge);
            Assert.Equal("eyrie", data.Headers.GetValues("X-Team").Single());
        }

        // Custom error pages: for Eyrie's own 404.7 and, with existingResponse="Replace", for the app's errors.
        var denied = await client.GetTextAsync("/file.secret");
        Assert.Equal((404, "<h1>Custom 404</h1>"), denied);
        var appNotFound = await client.GetTextAsync("/status/404");
        Assert.Equal((404, "<h1>Custom 404</h1>"), appNotFound);
        using (var appError = await client.GetAsync(new Uri("/status/500", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, appError.StatusCode);
            using var executed = JsonDocument.Parse(await appError.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("GET", executed.RootElement.GetProperty("method").GetString());
            Assert.Equal("/echo", executed.RootElement.GetProperty("path").GetString());
        }

        // httpRedirect in <location path="moved">: the rest of the path follows the destination.
        using (var moved = await client.GetAsync(new Uri("/moved/page?x=1", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal("/echo/page?x=1", moved.Headers.Location?.OriginalString);
        }

        // Dynamic compression of the app's responses, by Accept-Encoding.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/echo"))
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var compressed = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
            await using var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), System.IO.Compression.CompressionMode.Decompress);
            using var decompressed = await JsonDocument.ParseAsync(gzip, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("/echo", decompressed.RootElement.GetProperty("path").GetString());
        }

        using (var plain = await client.GetAsync(new Uri("/echo", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Empty(plain.Content.Headers.ContentEncoding);
        }
    }

    private static async Task<JsonElement> EchoAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
