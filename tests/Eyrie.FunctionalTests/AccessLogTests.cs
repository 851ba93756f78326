using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Eyrie.Configuration;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Server.Logging;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>
/// W3C access logs as IIS writes them, from real requests: beside eyrie.json by default, IIS's fields and
/// values, sub-statuses from request filtering; and a full disk that costs log lines, never a request.
/// </summary>
public sealed class AccessLogTests(ITestOutputHelper output) : IDisposable
{
    private const string UserAgent = "Test Agent/1.0 (with spaces)";

    private readonly TempDirectory _dir = new("accesslogs");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Requests_AreLoggedAsW3C_WithIisDefaultFields_UnderLogsBesideTheConfig()
    {
        _dir.Write("site/readme.txt", "hello");
        var config = _dir.Write("eyrie.json", """
            { "sites": [ { "name": "Logged",
                "bindings": [ { "address": "127.0.0.1", "port": 0, "host": "logged.test" } ],
                "virtualDirectories": [ { "path": "/", "physicalPath": "site" } ],
                "requestFiltering": { "fileExtensions": { "add": [ { "fileExtension": ".exe", "allowed": false } ] } } } ] }
            """);
        var loaded = EyrieConfigLoader.TryLoad(config);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        await using var eyrie = await EyrieTestHost.StartAsync(loaded.Config!, output);
        using var client = eyrie.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, "/readme.txt?x=1&y=two", "logged.test", referer: "http://ref.test/a page"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(client, "/tool.exe", "logged.test"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(client, "/missing.txt", "logged.test"));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(client, "/readme.txt", "unknown.test"));

        // Written within a second, while Eyrie runs.
        var folder = _dir.Combine("logs", "Logged");
        W3CLog? log = null;
        await Poll.UntilAsync(() => (log = Read(folder)) is { Entries.Count: 3 }, "the three requests are in the log");

        Assert.Equal(
            ["date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip", "cs(User-Agent)", "cs(Referer)", "sc-status", "sc-substatus", "sc-win32-status", "time-taken"],
            log!.Fields);
        Assert.StartsWith("#Software: Eyrie ", log.Directives[0], StringComparison.Ordinal);
        Assert.Equal("#Version: 1.0", log.Directives[1]);
        Assert.Matches(@"^#Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", log.Directives[2]);

        var ok = log.Entries[0];
        Assert.Equal("GET", ok["cs-method"]);
        Assert.Equal("/readme.txt", ok["cs-uri-stem"]);
        Assert.Equal("x=1&y=two", ok["cs-uri-query"]);
        Assert.Equal("200", ok["sc-status"]);
        Assert.Equal("0", ok["sc-substatus"]);
        Assert.Equal("0", ok["sc-win32-status"]);
        Assert.Equal("Test+Agent/1.0+(with+spaces)", ok["cs(User-Agent)"]);
        Assert.Equal("http://ref.test/a+page", ok["cs(Referer)"]);
        Assert.Equal("-", ok["cs-username"]);
        Assert.Equal("127.0.0.1", ok["c-ip"]);
        Assert.Equal("127.0.0.1", ok["s-ip"]);
        Assert.Equal(eyrie.Port.ToString(CultureInfo.InvariantCulture), ok["s-port"]);
        Assert.True(DateTime.TryParseExact(ok["date"] + " " + ok["time"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _));
        Assert.InRange(int.Parse(ok["time-taken"], CultureInfo.InvariantCulture), 0, 60_000);

        var denied = log.Entries[1];
        Assert.Equal(("/tool.exe", "-", "404", "7"), (denied["cs-uri-stem"], denied["cs-uri-query"], denied["sc-status"], denied["sc-substatus"]));
        var missing = log.Entries[2];
        Assert.Equal(("/missing.txt", "404", "0"), (missing["cs-uri-stem"], missing["sc-status"], missing["sc-substatus"]));

        // 400 Invalid Hostname has no site: IIS logs it in HTTPERR; Eyrie counts it. Both counters move just after
        // what the test saw (the response sent, the lines written), so wait for them.
        await Poll.UntilAsync(() => eyrie.AccessLogs.RequestsWithoutSite == 1 && eyrie.AccessLogs.Status() is [{ LinesWritten: 3 }], "the counters caught up");
        var status = Assert.Single(eyrie.AccessLogs.Status());
        Assert.Equal(("Logged", 3L, 0L), (status.Site, status.LinesWritten, status.LinesDropped));

        // Stopping writes what is waiting, at once.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, "/readme.txt", "logged.test"));
        await eyrie.StopAsync();
        Assert.Equal(4, Read(folder)!.Entries.Count);
    }

    [Fact]
    public async Task Reload_KeepsTheSitesFile_NewFieldsStartANewBlock_AndTurningItOffClosesIt()
    {
        _dir.Write("site/a.txt", "a");
        EyrieConfig Config(LogFileConfig? logFile) => new()
        {
            Sites = [new SiteConfig
            {
                Name = "Site",
                Bindings = [new BindingConfig { Port = 0, Address = "127.0.0.1" }],
                VirtualDirectories = [new VirtualDirectoryConfig { Path = "/", PhysicalPath = _dir.Combine("site") }],
                LogFile = logFile,
            }],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(Config(null), output);
        using var client = eyrie.CreateClient();
        var folder = Path.Combine(eyrie.AccessLogDirectory!, "Site");
        async Task ApplyAsync(LogFileConfig logFile)
        {
            var config = Config(logFile) with { SiteDefaults = new SiteDefaultsConfig { LogFile = new LogFileConfig { Directory = eyrie.AccessLogDirectory } } };
            await eyrie.Server.ApplyAsync(EyrieConfigLoader.FromConfig(config, _dir.Path).Config!, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "/a.txt?first"));
        await Poll.UntilAsync(() => Read(folder) is { Entries.Count: 1 }, "the first request is logged");

        await ApplyAsync(new LogFileConfig { LogExtFileFlags = [LogExtFileFlag.UriQuery, LogExtFileFlag.Date, LogExtFileFlag.HttpStatus] });
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "/a.txt?second"));
        await Poll.UntilAsync(() => Read(folder) is { Entries.Count: 2 }, "the second request is logged in the same file");
        var log = Read(folder)!;
        Assert.Equal(["date", "cs-uri-query", "sc-status"], log.Fields);
        Assert.Equal(2, log.Directives.Count(d => d.StartsWith("#Fields", StringComparison.Ordinal)));
        Assert.Equal(("second", "200"), (log.Entries[1]["cs-uri-query"], log.Entries[1]["sc-status"]));

        await ApplyAsync(new LogFileConfig { Enabled = false });
        Assert.Empty(eyrie.AccessLogs.Status());
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "/a.txt?third"));
        await eyrie.StopAsync();
        Assert.Equal(2, Read(folder)!.Entries.Count);
    }

    [Fact]
    public async Task DiskFull_EveryRequestIsServed_TheLogFillsTheDisk_AndDroppedLinesAreCounted_ThenItRecovers()
    {
        const int TmpfsBytes = 64 * 1024;
        const int Requests = 3000;
        await RequireTmpfsAsync();

        _dir.Write("site/index.html", "home");
        var logs = _dir.CreateFolder("logs");
        var socket = _dir.Combine("eyrie.sock");
        var config = _dir.Write("eyrie.json", $$"""
            { "admin": { "socket": "{{socket}}" },
              "sites": [ { "name": "Full",
                "bindings": [ { "address": "127.0.0.1", "port": 0 } ],
                "virtualDirectories": [ { "path": "/", "physicalPath": "site" } ] } ] }
            """);

        // Eyrie in a mount namespace of its own where logs/ is a 64 KB tmpfs; the test sees it through /proc/<pid>/root.
        string[] launcher = ["unshare", "-rm", "sh", "-c", $"mount -t tmpfs -o size={TmpfsBytes} tmpfs \"$0\" && exec \"$@\"", logs];
        await using var eyrie = EyrieProcess.StartUnder(output, launcher, new Dictionary<string, string?>(), "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var admin = Clients.Admin(socket);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 8 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var file = $"/proc/{eyrie.ProcessId}/root{logs}/Full";

        var failures = await FireAsync(client, Requests);

        Assert.Equal(0, failures);
        var status = await PollStatusAsync(admin, s => s.LinesWritten + s.LinesDropped == Requests, "every request is written or counted as dropped");
        var size = LogSize(file);
        output.WriteLine($"{Requests} requests: {status.LinesWritten} lines written, {status.LinesDropped} dropped; the log is {size} bytes of a {TmpfsBytes} byte disk");
        Assert.True(status.LinesDropped > 0, "the disk was too small for every line");
        Assert.InRange(size, TmpfsBytes * 3 / 4, TmpfsBytes);
        Assert.Single(eyrie.Lines, l => l.Contains("cannot be written", StringComparison.Ordinal));
        var metrics = await admin.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"eyrie_access_log_dropped_lines_total{{site=\"Full\"}} {status.LinesDropped}\n", metrics, StringComparison.Ordinal);

        // Still full: more requests are served, the file does not grow, their lines are counted.
        Assert.Equal(0, await FireAsync(client, 100));
        status = await PollStatusAsync(admin, s => s.LinesWritten + s.LinesDropped == Requests + 100, "the next requests are accounted for");
        Assert.Equal(size, LogSize(file));
        Assert.Single(eyrie.Lines, l => l.Contains("cannot be written", StringComparison.Ordinal));

        // Space comes back (an operator removes the file): the log is written again, with no restart.
        File.Delete(Path.Combine(file, Path.GetFileName(status.CurrentFile!)));
        var written = status.LinesWritten;
        Assert.Equal(0, await FireAsync(client, 10));
        await PollStatusAsync(admin, s => s.LinesWritten == written + 10, "the log is written again");
        await Poll.UntilAsync(() => eyrie.Lines.Any(l => l.Contains("is written again", StringComparison.Ordinal)), "the recovery is logged");
        Assert.Equal(10, W3CLog.Parse(File.ReadAllText(Path.Combine(file, Path.GetFileName(status.CurrentFile!)))).Entries.Count);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string target, string host, string? referer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (referer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient client, string target)
    {
        using var response = await client.GetAsync(target, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static W3CLog? Read(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "u_ex*.log") : [];
        return files.Length == 1 ? W3CLog.Parse(File.ReadAllText(files[0])) : null;
    }

    private static long LogSize(string folder) => Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

    /// <summary>Sends <paramref name="count"/> GETs, 8 at a time; returns how many did not get a 200.</summary>
    private static async Task<int> FireAsync(HttpClient client, int count)
    {
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, cancellationToken) =>
        {
            try
            {
                using var response = await client.GetAsync($"/index.html?n={i}", cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        return failures;
    }

    private static async Task<AccessLogStatus> PollStatusAsync(HttpClient admin, Func<AccessLogStatus, bool> condition, string because)
    {
        AccessLogStatus? status = null;
        await Poll.UntilAsync(async () =>
        {
            var all = await admin.GetFromJsonAsync<AccessLogStatus[]>("/api/accesslogs", TestContext.Current.CancellationToken);
            status = all!.Single();
            return condition(status);
        }, because);
        return status!;
    }

    /// <summary>Skips (fails where tools are required, as on CI) when no user and mount namespace can be made here.</summary>
    private static async Task RequireTmpfsAsync()
    {
        var (exitCode, _, stderr) = await ExternalTool.RunAsync("unshare", ["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]);
        if (exitCode != 0)
        {
            var message = "cannot mount a tmpfs in a user and mount namespace (unshare -rm): " + stderr;
            if (Environment.GetEnvironmentVariable("EYRIE_REQUIRE_TOOLS") == "1")
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }
    }
}
