using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>Virtual directories served by Eyrie itself, as IIS's static file handler serves them.</summary>
public sealed class StaticFileTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Marker = "PROTECTED-MARKER-7f3a";

    private readonly StaticFolder _site = new();
    private readonly StaticFolder _docs = new();
    private readonly StaticFolder _outside = new();
    private EyrieTestHost _eyrie = null!;
    private HttpClient _client = null!;
    private byte[] _big = [];

    public async ValueTask InitializeAsync()
    {
        _site.Write("index.html", "<h1>home</h1>");
        _site.Write("css/site.css", "body { color: red }");
        _site.Write("app.js", "console.log('plain')");
        _site.WriteBytes("app.js.br", [1, 2, 3, 4]);
        _site.WriteBytes("app.js.gz", Gzip("console.log('plain')"));
        _site.Write("manifest.webmanifest", "{}");
        _site.Write("notes.unknownext", "no MIME type for this");
        _site.Write("binary/ok.txt", "a folder named like bin but not bin");
        _site.Write("images/logo.png", "logo");
        _site.Write("twins/a.txt", "lower");
        _site.Write("twins/A.txt", "upper");
        _big = new byte[1 << 20];
        new Random(42).NextBytes(_big);
        _site.WriteBytes("big.bin", _big);
        foreach (var file in new[] { "web.config", "appsettings.json", "appsettings.Production.json", "MyApp.deps.json", "MyApp.runtimeconfig.json",
                     "app_offline.htm", ".env", ".git/config", "bin/secret.dll", "App_Data/db.txt", "css/web.config", "App_Code/x.cs", "x.config" })
        {
            _site.Write(file, Marker);
        }

        _outside.Write("secret.txt", Marker);
        File.CreateSymbolicLink(_site.Combine("escape.txt"), _outside.Combine("secret.txt"));
        File.CreateSymbolicLink(_site.Combine("escape-folder"), _outside.Path);
        File.CreateSymbolicLink(_site.Combine("alias.txt"), _site.Combine("web.config"));
        File.CreateSymbolicLink(_site.Combine("css/inside.css"), _site.Combine("css/site.css"));
        _docs.Write("readme.txt", "docs");
        _docs.Write(".hidden", Marker);
        _docs.Write("sub/page.txt", "sub");

        var config = new EyrieConfig
        {
            Sites =
            [
                new SiteConfig
                {
                    Name = "Static",
                    Bindings = [new BindingConfig { Port = 0, Address = "127.0.0.1" }],
                    StaticContent = new StaticContentConfig { MimeMap = [new MimeMapConfig { FileExtension = ".webmanifest", MimeType = "application/manifest+json" }] },
                    VirtualDirectories =
                    [
                        new VirtualDirectoryConfig { Path = "/", PhysicalPath = _site.Path },
                        new VirtualDirectoryConfig { Path = "/docs", PhysicalPath = _docs.Path, DirectoryBrowse = new DirectoryBrowseConfig { Enabled = true } },
                    ],
                },
            ],
        };
        _eyrie = await EyrieTestHost.StartAsync(config, output);
        _client = _eyrie.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _eyrie.DisposeAsync();
        _site.Dispose();
        _docs.Dispose();
        _outside.Dispose();
    }

    private static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        headers?.Invoke(request.Headers);
        return _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task File_IsServedWithTypeLengthAndValidators()
    {
        using var response = await SendAsync(HttpMethod.Get, "/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(19, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal("body { color: red }", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConditionalRequests_Get304And412()
    {
        using var first = await SendAsync(HttpMethod.Get, "/css/site.css");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = await SendAsync(HttpMethod.Get, "/css/site.css", h => h.IfNoneMatch.Add(etag));
        using var byDate = await SendAsync(HttpMethod.Get, "/css/site.css", h => h.IfModifiedSince = lastModified);
        using var changedSince = await SendAsync(HttpMethod.Get, "/css/site.css", h => h.IfModifiedSince = lastModified.AddSeconds(-10));
        using var wrongMatch = await SendAsync(HttpMethod.Get, "/css/site.css", h => h.IfMatch.Add(new EntityTagHeaderValue("\"other\"")));

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changedSince.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, wrongMatch.StatusCode);
    }

    [Fact]
    public async Task Head_HasTheHeadersButNoBody()
    {
        using var response = await SendAsync(HttpMethod.Head, "/big.bin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_big.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ranges_Get206_Multipart_416_AndAmplificationIsRefused()
    {
        using var single = await SendAsync(HttpMethod.Get, "/big.bin", h => h.Range = new RangeHeaderValue(1000, 1999));
        Assert.Equal(HttpStatusCode.PartialContent, single.StatusCode);
        Assert.Equal($"bytes 1000-1999/{_big.Length}", single.Content.Headers.ContentRange!.ToString());
        Assert.Equal(_big.AsSpan(1000, 1000).ToArray(), await single.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var multi = await SendAsync(HttpMethod.Get, "/big.bin", h => h.TryAddWithoutValidation("Range", "bytes=0-9, 100-109"));
        Assert.Equal(HttpStatusCode.PartialContent, multi.StatusCode);
        Assert.Equal("multipart/byteranges", multi.Content.Headers.ContentType!.MediaType);
        var body = await multi.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(multi.Content.Headers.ContentLength, body.Length);
        Assert.Contains($"Content-Range: bytes 100-109/{_big.Length}", System.Text.Encoding.Latin1.GetString(body), StringComparison.Ordinal);

        using var unsatisfiable = await SendAsync(HttpMethod.Get, "/big.bin", h => h.TryAddWithoutValidation("Range", $"bytes={_big.Length}-"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{_big.Length}", unsatisfiable.Content.Headers.ContentRange!.ToString());

        var amplifying = "bytes=" + string.Join(',', Enumerable.Repeat("0-", 100));
        using var refused = await SendAsync(HttpMethod.Get, "/big.bin", h => h.TryAddWithoutValidation("Range", amplifying));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(_big.Length, (await refused.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task PrecompressedSibling_IsServedWhenAccepted()
    {
        using var brotli = await SendAsync(HttpMethod.Get, "/app.js", h => h.AcceptEncoding.ParseAdd("gzip, br"));
        using var gzip = await SendAsync(HttpMethod.Get, "/app.js", h => h.AcceptEncoding.ParseAdd("gzip"));
        using var identity = await SendAsync(HttpMethod.Get, "/app.js");

        Assert.Equal("br", brotli.Content.Headers.ContentEncoding.Single());
        Assert.Equal([1, 2, 3, 4], await brotli.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal("console.log('plain')", await identity.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.All([brotli, gzip, identity], r => Assert.Contains("Accept-Encoding", r.Headers.Vary));
        Assert.All([brotli, gzip, identity], r => Assert.Equal("text/javascript", r.Content.Headers.ContentType!.MediaType));
        Assert.NotEqual(brotli.Headers.ETag, identity.Headers.ETag);
    }

    [Fact]
    public async Task ContentTypes_ComeFromTheMimeMap_AndAnUnknownExtensionIs404()
    {
        using var manifest = await SendAsync(HttpMethod.Get, "/manifest.webmanifest");
        using var unknown = await SendAsync(HttpMethod.Get, "/notes.unknownext");

        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Folders_DefaultDocument_Redirect_NoListing_AndListingWhenEnabled()
    {
        Assert.Equal((200, "<h1>home</h1>"), await _client.GetTextAsync("/"));
        using var redirect = await SendAsync(HttpMethod.Get, "/css?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/css/?x=1", redirect.Headers.Location!.ToString());
        Assert.Equal(403, (await _client.GetTextAsync("/css/")).Status);

        var (status, listing) = await _client.GetTextAsync("/docs/");
        Assert.Equal(200, status);
        Assert.Contains("href=\"readme.txt\"", listing, StringComparison.Ordinal);
        Assert.Contains("href=\"sub/\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(".hidden", listing, StringComparison.Ordinal);
        Assert.Equal((200, "sub"), await _client.GetTextAsync("/docs/sub/page.txt"));
    }

    [Fact]
    public async Task OtherMethods_Get405()
    {
        using var response = await _client.PostAsync("/css/site.css", new StringContent("x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task SymlinkInsideTheFolder_IsServed()
    {
        Assert.Equal((200, "body { color: red }"), await _client.GetTextAsync("/css/inside.css"));
        Assert.Equal((200, "a folder named like bin but not bin"), await _client.GetTextAsync("/binary/ok.txt"));
    }

    [Fact]
    public async Task NameInAnotherLetterCase_FindsTheFileAsIisDoes_UnlessItIsAmbiguous()
    {
        Assert.Equal((200, "logo"), await _client.GetTextAsync("/Images/Logo.PNG"));
        Assert.Equal((200, "body { color: red }"), await _client.GetTextAsync("/CSS/SITE.CSS"));
        Assert.Equal((200, "docs"), await _client.GetTextAsync("/Docs/README.TXT"));
        Assert.Equal((200, "sub"), await _client.GetTextAsync("/docs/Sub/Page.txt"));
        using var type = await SendAsync(HttpMethod.Get, "/IMAGES/LOGO.PNG");
        Assert.Equal("image/png", type.Content.Headers.ContentType!.MediaType);

        // An exact name wins; one that only matches a.txt and A.txt ignoring case matches neither.
        Assert.Equal((200, "lower"), await _client.GetTextAsync("/twins/a.txt"));
        Assert.Equal((200, "upper"), await _client.GetTextAsync("/Twins/A.txt"));
        Assert.Equal(404, (await _client.GetTextAsync("/twins/a.TXT")).Status);
        Assert.Equal(404, (await _client.GetTextAsync("/images/logo.png.gz")).Status);
    }

    public static TheoryData<string> Probes() =>
    [
        "/web.config", "/WEB.CONFIG", "/Web.Config", "/web.config.", "/web.config%20", "/web.config%2e", "/web.config::$DATA",
        "/web.config:$i30:$index_allocation", "/WEB~1.CON", "/web%2econfig", "/%77eb.config", "/web.config%00.txt", "/web.config%00",
        "/css/web.config", "/css/../web.config", "/css/%2e%2e/web.config", "/css/%2E%2E/web.config", "/css/..%2fweb.config",
        "/css/..%2Fweb.config", "/css%2f..%2fweb.config", "/css/%252e%252e/web.config", "/css/..%5cweb.config", "/css/..\\web.config",
        "/css/%c0%ae%c0%ae/web.config", "/css/%e0%80%ae%e0%80%ae/web.config", "//web.config", "/./web.config", "/css/./../web.config",
        "/css//../web.config", "/(S(x3fz))/web.config", "/appsettings.json", "/APPSETTINGS.JSON", "/appsettings.Production.json",
        "/MyApp.deps.json", "/myapp.DEPS.json", "/MyApp.runtimeconfig.json", "/app_offline.htm", "/App_Offline.HTM", "/.env", "/.git/config",
        "/%2egit/config", "/bin/secret.dll", "/BIN/secret.dll", "/Bin/./secret.dll", "/App_Data/db.txt", "/app_data/db.txt", "/APP_DA~1/db.txt",
        "/App_Code/x.cs", "/x.config", "/X.CONFIG", "/escape.txt", "/escape-folder/secret.txt", "/alias.txt", "/../secret.txt",
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/docs/../web.config", "/docs/.hidden", "/docs/%2ehidden",
        "/css/site.css/../../web.config", "http://localhost/web.config", "/Escape.txt", "/ESCAPE-FOLDER/secret.txt", "/Escape-Folder/SECRET.TXT",
        "/Alias.TXT", "/Docs/.HIDDEN", "/CSS/Web.Config", "/Css/WEB.CONFIG", "/Bin/Secret.DLL", "/app_data/DB.TXT", "/.GIT/CONFIG", "/.Env",
    ];

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task TraversalAndHiddenProbe_NeverReturnsAProtectedFile(string target)
    {
        var (status, response) = await RawHttp.GetAsync(_eyrie.Port, target);

        Assert.DoesNotContain(Marker, response, StringComparison.Ordinal);
        Assert.True(status is 400 or 404, $"{target} answered {status}");
    }
}
