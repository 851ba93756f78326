using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Server.Logging;
using Eyrie.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Server.Tests.Logging;

/// <summary>One site's writer on a real folder, with fake time: headers, rollover, size limits, restarts, full buffers and failing disks.</summary>
public sealed class AccessLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 9, 23, 59, 58, TimeSpan.Zero);

    private readonly TempDirectory _dir = new("accesslog");
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _dir.Dispose();

    private AccessLogSettings Settings(LogPeriod period = LogPeriod.Daily, long truncateSize = LogFileConfig.DefaultTruncateSize, TimeZoneInfo? zone = null) =>
        new("Site", _dir.Combine("Site"), period, truncateSize, zone ?? TimeZoneInfo.Utc, [.. LogFileConfig.DefaultFlags.Order()]);

    private AccessLog Create(AccessLogSettings settings, int capacity = AccessLog.DefaultCapacity) => new(settings, _time, NullLogger.Instance, capacity);

    private AccessLogEntry Request(string path = "/", int status = 200) => new()
    {
        Time = _time.GetUtcNow(),
        ServerAddress = IPAddress.Loopback,
        ServerPort = 80,
        ClientAddress = IPAddress.Loopback,
        Method = "GET",
        UriStem = path,
        Status = status,
        TimeTakenMilliseconds = 1,
    };

    private string[] Lines(string file) => File.ReadAllLines(_dir.Combine("Site", file));

    [Fact]
    public async Task FirstLine_CreatesTheFolderAndFile_WithIisHeader()
    {
        await using var log = Create(Settings());

        log.Log(Request("/a"));
        await log.FlushAsync();

        var lines = Lines("u_ex250309.log");
        Assert.Equal("#Software: Eyrie", lines[0][..16]);
        Assert.Equal("#Version: 1.0", lines[1]);
        Assert.Equal("#Date: 2025-03-09 23:59:58", lines[2]);
        Assert.Equal("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken", lines[3]);
        Assert.Equal("2025-03-09 23:59:58 127.0.0.1 GET /a - 80 - 127.0.0.1 - - 200 0 0 1", lines[4]);
        Assert.Equal(1, log.LinesWritten);
        Assert.Equal(_dir.Combine("Site", "u_ex250309.log"), log.Status().CurrentFile);
    }

    [Fact]
    public async Task UtcMidnight_StartsTheNextDaysFile_EvenWithinOneBatch()
    {
        await using var log = Create(Settings());

        log.Log(Request("/before"));
        _time.Advance(TimeSpan.FromSeconds(3));
        log.Log(Request("/after"));
        await log.FlushAsync();

        Assert.EndsWith("/before - 80 - 127.0.0.1 - - 200 0 0 1", Lines("u_ex250309.log")[^1], StringComparison.Ordinal);
        var next = Lines("u_ex250310.log");
        Assert.StartsWith("#Software", next[0], StringComparison.Ordinal);
        Assert.StartsWith("2025-03-10 00:00:01 ", next[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalTimeRollover_NamesByLocalTime_ButLinesStayUtc()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus2", TimeSpan.FromHours(2), "Plus2", "Plus2");
        await using var log = Create(Settings(zone: zone));

        log.Log(Request());
        await log.FlushAsync();

        Assert.StartsWith("2025-03-09 23:59:58 ", Lines("u_ex250310.log")[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hourly_OneFilePerHour()
    {
        await using var log = Create(Settings(LogPeriod.Hourly));

        log.Log(Request());
        _time.Advance(TimeSpan.FromMinutes(61));
        log.Log(Request());
        await log.FlushAsync();

        Assert.Single(Lines("u_ex25030923.log"), l => !l.StartsWith('#'));
        Assert.Single(Lines("u_ex25031001.log"), l => !l.StartsWith('#'));
    }

    [Fact]
    public async Task MaxSize_RollsToTheNextNumber_AtWholeLines_AndARestartContinuesTheLast()
    {
        const long Size = 1_048_576;
        var settings = Settings(LogPeriod.MaxSize, Size);
        await using (var log = Create(settings))
        {
            // ~2.5 MB of lines: three files.
            var path = "/" + new string('p', 1000);
            for (var i = 0; i < 2500; i++)
            {
                log.Log(Request(path));
                if (i % 500 == 0)
                {
                    await log.FlushAsync();
                }
            }
        }

        Assert.Equal(["u_extend1.log", "u_extend2.log", "u_extend3.log"], Directory.GetFiles(_dir.Combine("Site")).Select(Path.GetFileName).Order());
        foreach (var file in Directory.GetFiles(_dir.Combine("Site")))
        {
            Assert.InRange(new FileInfo(file).Length, 1, Size);
            Assert.EndsWith("\n", File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.Equal(2500, Directory.GetFiles(_dir.Combine("Site")).Sum(f => File.ReadAllLines(f).Count(l => !l.StartsWith('#'))));

        // A restart appends to the last file, after a header of its own, as IIS does.
        await using (var log = Create(settings))
        {
            log.Log(Request("/again"));
        }

        var last = Lines("u_extend3.log");
        Assert.Equal(2, last.Count(l => l.StartsWith("#Fields", StringComparison.Ordinal)));
        Assert.Contains(" /again ", last[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void FullBuffer_RefusesAndCounts_UntilTaken()
    {
        var buffer = new AccessLogBuffer(1000);
        var line = new byte[100];
        line[^1] = (byte)'\n';

        var accepted = Enumerable.Range(0, 15).Count(_ => buffer.TryAppend(line, Start, Settings()));

        Assert.Equal(10, accepted);
        Assert.Equal(5, buffer.Dropped);
        Assert.True(buffer.Wake.IsCompleted, "a quarter full wakes the writer");
        var batch = buffer.Take();
        Assert.Equal(1000, batch.Length);
        Assert.True(buffer.TryAppend(line, Start, Settings()));
        buffer.Return(batch);
    }

    [Fact]
    public async Task FullBuffer_DropsAndCounts_NeverBlocks()
    {
        await using var log = Create(Settings(), capacity: 4096);

        for (var i = 0; i < 1000; i++)
        {
            log.Log(Request());
        }

        await log.FlushAsync();

        Assert.True(log.LinesDropped > 0, "a 4 KB buffer cannot hold 1000 lines");
        Assert.Equal(1000, log.LinesWritten + log.LinesDropped);
        Assert.Equal(log.LinesWritten, Lines("u_ex250309.log").Count(l => !l.StartsWith('#')));
    }

    [Fact]
    public async Task UnwritableFolder_DropsAndCounts_ThenRecovers()
    {
        // A file where the site's folder should be: opening fails as a full or read-only disk would.
        File.WriteAllText(_dir.Combine("Site"), "in the way");
        await using var log = Create(Settings());

        log.Log(Request("/lost"));
        await log.FlushAsync();
        Assert.Equal(1, log.LinesDropped);
        Assert.Equal(0, log.LinesWritten);

        File.Delete(_dir.Combine("Site"));
        log.Log(Request("/kept"));
        await log.FlushAsync();

        Assert.Equal(1, log.LinesWritten);
        Assert.Contains(" /kept ", Lines("u_ex250309.log")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconfigure_StartsANewHeader_WithTheNewFields()
    {
        await using var log = Create(Settings());
        log.Log(Request());
        await log.FlushAsync();

        log.Reconfigure(Settings() with { Fields = [LogExtFileFlag.Date, LogExtFileFlag.UriStem] });
        log.Log(Request("/new"));
        await log.FlushAsync();

        var lines = Lines("u_ex250309.log");
        Assert.Equal("#Fields: date cs-uri-stem", lines[^2]);
        Assert.Equal("2025-03-09 /new", lines[^1]);
    }
}
