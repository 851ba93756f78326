using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Eyrie.Configuration;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// The admin API as the CLI, scripts and the dashboard use it: status, the configuration read and written
/// with If-Match, the live log, metrics, and the guards of its TCP listener.
/// </summary>
public sealed class AdminApiTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("admin-api");
    private readonly TestApp _app = TestApp.TestBackend();
    private readonly StaticFolder _files = StaticFolder.WithIndex("static");

    public void Dispose()
    {
        _dir.Dispose();
        _app.Dispose();
        _files.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConfigText(string extraSite = "") => $$"""
        {
          // The admin listener on an ephemeral loopback port.
          "admin": { "listen": "127.0.0.1:0" },
          "sites": [
            {
              "name": "Test",
              "bindings": [ { "port": 0 } ],
              "applications": [ { "path": "/", "physicalPath": "{{_app.Path}}" } ],
              "virtualDirectories": [ { "path": "/files", "physicalPath": "{{_files.Path}}" } ]
            }{{extraSite}}
          ]
        }
        """;

    private async Task<EyrieTestHost> StartAsync() =>
        await EyrieTestHost.StartAsync(EyrieConfigLoader.Load(_dir.Write("eyrie.json", ConfigText())), output);

    [Fact]
    public async Task Status_ShowsSitesBindingsApplicationsWorkersAndTraffic()
    {
        await using var eyrie = await StartAsync();
        using var client = eyrie.CreateClient();
        var pid = int.Parse(await client.GetStringAsync("/pid", Token), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/files/", Token)).StatusCode);
        }

        using var admin = eyrie.CreateAdminClient();
        JsonElement application = default;
        await Poll.UntilAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/api/status", Token);
            var site = status.GetProperty("sites").EnumerateArray().Single();
            application = site.GetProperty("applications").EnumerateArray().Single();
            return site.GetProperty("virtualDirectories")[0].GetProperty("requests").GetInt64() == 5
                && application.GetProperty("requests").GetInt64() == 1;
        }, "the status counts the requests served");

        var status = await admin.GetFromJsonAsync<JsonElement>("/api/status", Token);
        Assert.Equal(Environment.ProcessId, status.GetProperty("eyrie").GetProperty("processId").GetInt32());
        var binding = status.GetProperty("sites")[0].GetProperty("bindings")[0];
        Assert.Equal("http/*:0:", binding.GetProperty("binding").GetString());
        Assert.True(binding.GetProperty("listening").GetBoolean());
        Assert.Equal(eyrie.Port, binding.GetProperty("boundPort").GetInt32());
        Assert.Equal("Test/", application.GetProperty("name").GetString());
        Assert.Equal("Running", application.GetProperty("state").GetString());
        var worker = application.GetProperty("workers").EnumerateArray().Single();
        Assert.Equal(pid, worker.GetProperty("processId").GetInt32());
        Assert.Equal("Ready", worker.GetProperty("state").GetString());
        Assert.True(worker.GetProperty("uptimeSeconds").GetDouble() >= 0);
        Assert.Equal(0, application.GetProperty("restarts").GetInt32());

        // A crash is counted as a restart, with the exit that caused it.
        _ = await client.GetAsync("/crash", Token);
        await Poll.UntilAsync(async () =>
        {
            var app = (await admin.GetFromJsonAsync<JsonElement>("/api/status", Token)).GetProperty("sites")[0].GetProperty("applications")[0];
            return app.GetProperty("restarts").GetInt32() == 1 && app.GetProperty("lastExit").ValueKind == JsonValueKind.Object;
        }, "the crash is in the status");
    }

    [Fact]
    public async Task Config_ConcurrentEdit_SecondWriterGets412_AndTheFirstEditStays()
    {
        await using var eyrie = await StartAsync();
        using var admin = eyrie.CreateAdminClient();
        using var read = await admin.GetAsync("/api/config", Token);
        var etag = read.Headers.ETag!.Tag;
        var original = await read.Content.ReadAsStringAsync(Token);
        Assert.Equal(ConfigText(), original);

        var port = FreePort.Get();
        var first = ConfigText($$"""
            ,
                { "name": "Added", "bindings": [ { "port": {{port}} } ], "virtualDirectories": [ { "path": "/", "physicalPath": "{{_files.Path}}" } ] }
            """);
        using var firstWrite = await PutConfigAsync(admin, first, etag);
        Assert.Equal(HttpStatusCode.OK, firstWrite.StatusCode);
        Assert.NotEqual(etag, firstWrite.Headers.ETag!.Tag);

        // The second writer read the same version: its write would lose the first one's site.
        using var secondWrite = await PutConfigAsync(admin, ConfigText().Replace("\"Test\"", "\"Renamed\"", StringComparison.Ordinal), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, secondWrite.StatusCode);
        Assert.Equal(first, await File.ReadAllTextAsync(eyrie.ConfigFile!, Token));

        // The first edit is running: the new site answers.
        using var client = Clients.Loopback();
        Assert.Equal("static", await client.GetStringAsync($"http://127.0.0.1:{port}/", Token));
        Assert.Contains(eyrie.Logs.Entries, e => e.Message.Contains("was replaced through the admin API and applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_InvalidWrite_IsRejectedWithTheErrorLocation_AndNothingIsWrittenOrApplied()
    {
        await using var eyrie = await StartAsync();
        using var admin = eyrie.CreateAdminClient();
        using var read = await admin.GetAsync("/api/config", Token);
        var etag = read.Headers.ETag!.Tag;

        // Line 7 gets a port that is not a number, and a second site with a key that does not exist.
        var invalid = ConfigText("""
            ,
            { "name": "Broken", "bindingz": [] }
            """).Replace("\"port\": 0", "\"port\": \"abc\"", StringComparison.Ordinal);
        using var write = await PutConfigAsync(admin, invalid, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, write.StatusCode);
        var problem = await write.Content.ReadFromJsonAsync<JsonElement>(Token);
        var diagnostics = problem.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("line").GetInt32() == 7 && d.GetProperty("key").GetString()!.EndsWith("port", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetProperty("message").GetString()!.Contains("bindingz", StringComparison.Ordinal) || d.GetProperty("key").GetString()!.Contains("bindingz", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(eyrie.ConfigFile, d.GetProperty("file").GetString()));

        Assert.Equal(ConfigText(), await File.ReadAllTextAsync(eyrie.ConfigFile!, Token));
        Assert.DoesNotContain(Directory.GetFiles(_dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/status", Token);
        Assert.Single(status.GetProperty("sites").EnumerateArray());

        // Not JSON at all: 400, with where it broke.
        using var malformed = await PutConfigAsync(admin, "{ \"sites\": [ \n  { \"name\": ", etag);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var malformedProblem = await malformed.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(malformedProblem.GetProperty("diagnostics")[0].GetProperty("line").GetInt32() >= 2);

        // No If-Match: refused before anything is read.
        using var blind = new HttpRequestMessage(HttpMethod.Put, "/api/config") { Content = new StringContent(ConfigText(), Encoding.UTF8) };
        using var blindWrite = await admin.SendAsync(blind, Token);
        Assert.Equal((HttpStatusCode)428, blindWrite.StatusCode);
    }

    [Fact]
    public async Task TcpListener_NeedsTheToken_ALoopbackHost_AndItsOwnOrigin()
    {
        await using var eyrie = await StartAsync();
        var address = eyrie.AdminHttpAddress!;
        using var http = new HttpClient { BaseAddress = address };

        using var anonymous = await http.GetAsync("/api/status", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);

        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        wrongToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongToken, Token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Authorized(HttpMethod.Get, "/api/status", eyrie), Token)).StatusCode);

        // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1.
        var rebound = Authorized(HttpMethod.Get, "/api/status", eyrie);
        rebound.Headers.Host = "evil.example:" + address.Port;
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(rebound, Token)).StatusCode);

        var crossSite = Authorized(HttpMethod.Post, "/api/reload", eyrie);
        crossSite.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(crossSite, Token)).StatusCode);

        var sameSite = Authorized(HttpMethod.Get, "/api/status", eyrie);
        sameSite.Headers.Add("Origin", $"http://127.0.0.1:{address.Port}");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(sameSite, Token)).StatusCode);

        // The dashboard's page holds no secret: it is served without the token.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", Token)).StatusCode);
    }

    [Fact]
    public async Task Metrics_PrometheusCountersMoveWithTraffic()
    {
        await using var eyrie = await StartAsync();
        using var client = eyrie.CreateClient();
        using var admin = eyrie.CreateAdminClient();
        _ = await client.GetStringAsync("/pid", Token);
        var before = Sample(await admin.GetStringAsync("/metrics", Token), "eyrie_server_requests_total{site=\"Test\",application=\"/files\",status_code=\"200\"}");
        for (var i = 0; i < 7; i++)
        {
            _ = await client.GetStringAsync("/files/", Token);
        }

        // A request is counted when Kestrel disposes its context, just after the client has the response.
        var text = "";
        await Poll.UntilAsync(async () =>
        {
            using var response = await admin.GetAsync("/metrics", Token);
            Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
            text = await response.Content.ReadAsStringAsync(Token);
            return Sample(text, "eyrie_server_requests_total{site=\"Test\",application=\"/files\",status_code=\"200\"}") == before + 7
                && Sample(text, "eyrie_server_active_requests") == 0;
        }, "the seven requests are counted and none is active");
        output.WriteLine(text);
        Assert.Contains("# TYPE eyrie_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "eyrie_server_request_duration_seconds_count{site=\"Test\",application=\"/files\"}") >= 7);
        Assert.Equal(1, Sample(text, "eyrie_worker_starts_total{application=\"Test/\"}"));
    }

    [Fact]
    public async Task Logs_TailAndFollow_CarryEyriesLogAndTheWorkersOutput()
    {
        await using var eyrie = await StartAsync();
        using var client = eyrie.CreateClient();
        _ = await client.GetStringAsync("/log/first-line", Token);
        using var admin = eyrie.CreateAdminClient();

        await Poll.UntilAsync(async () => (await admin.GetStringAsync("/api/logs?application=Test/", Token)).Contains("first-line", StringComparison.Ordinal), "the worker's line is in the tail");
        var tail = await admin.GetStringAsync("/api/logs?tail=500", Token);
        var entries = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.GetProperty("level").GetString() == "output" && e.GetProperty("message").GetString() == "first-line" && e.GetProperty("application").GetString() == "Test/");
        Assert.Contains(entries, e => e.GetProperty("level").GetString() == "information" && e.GetProperty("source").GetString()!.StartsWith("Eyrie.", StringComparison.Ordinal));

        using var follow = await admin.GetAsync("/api/logs?tail=0&follow=true&application=Test", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("application/x-ndjson", follow.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await follow.Content.ReadAsStreamAsync(Token));
        _ = await client.GetStringAsync("/log/followed-line", Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(Poll.DefaultTimeout);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(deadline.Token);
        }
        while (line is not null && !line.Contains("followed-line", StringComparison.Ordinal));
        Assert.NotNull(line);

        using var badLevel = await admin.GetAsync("/api/logs?level=loud", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, EyrieTestHost eyrie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", eyrie.AdminToken);
        return request;
    }

    private static async Task<HttpResponseMessage> PutConfigAsync(HttpClient admin, string text, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/config") { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await admin.SendAsync(request, Token);
    }

    private static double Sample(string metrics, string series) =>
        metrics.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).Select(l => double.Parse(l[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
}
