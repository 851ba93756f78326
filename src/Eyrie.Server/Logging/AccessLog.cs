using System.Buffers;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Logging;

/// <summary>
/// One site's W3C access log. The request thread formats its line and hands it to a bounded buffer; a
/// background loop writes what is waiting at least once a second (sooner when a quarter of the buffer is
/// used) and owns the file. When the buffer is full or the disk refuses a write, lines are dropped and
/// counted, a warning is logged once per episode, and the next batch tries again.
/// </summary>
public sealed partial class AccessLog : IAsyncDisposable
{
    /// <summary>Bytes waiting per site before lines are dropped (one batch being written may hold as many again).</summary>
    public const int DefaultCapacity = 1024 * 1024;

    private const int ScratchLimit = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly AccessLogBuffer _buffer;
    private readonly AccessLogFile _file = new();
    private readonly SemaphoreSlim _drainLock = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private volatile AccessLogSettings _settings;
    private long _written;
    private long _failedLines;
    private long _droppedSeen;
    private bool _failing;
    private bool _overflowing;
    private bool _stopped;

    public AccessLog(AccessLogSettings settings, TimeProvider time, ILogger logger, int capacity = DefaultCapacity, TimeSpan? flushInterval = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _time = time;
        _logger = logger;
        _buffer = new AccessLogBuffer(capacity);
        _timer = new PeriodicTimer(flushInterval ?? TimeSpan.FromSeconds(1), time);
        _loop = Task.Run(RunAsync);
    }

    public AccessLogSettings Settings => _settings;

    public long LinesWritten => Interlocked.Read(ref _written);

    public long LinesDropped => _buffer.Dropped + Interlocked.Read(ref _failedLines);

    public AccessLogStatus Status() => new(_settings.Site, _settings.Directory, _file.CurrentPath, LinesWritten, LinesDropped);

    /// <summary>Logs a finished request. Never throws and never waits for the disk.</summary>
    public void Log(EdgeRequest request, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        Log(Entry(request, _time.GetUtcNow(), elapsed));
    }

    /// <summary>Logs one line. Never throws and never waits for the disk.</summary>
    public void Log(in AccessLogEntry entry)
    {
        var settings = _settings;
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(1024);
        scratch.ResetWrittenCount();
        W3CLineFormatter.Write(scratch, settings.Fields.AsSpan(), entry);
        _buffer.TryAppend(scratch.WrittenSpan, entry.Time, settings);
        if (scratch.Capacity > ScratchLimit)
        {
            _scratch = null;
        }
    }

    /// <summary>Writes what is waiting now.</summary>
    public async Task FlushAsync()
    {
        await _drainLock.WaitAsync();
        try
        {
            Drain();
        }
        finally
        {
            _drainLock.Release();
        }
    }

    /// <summary>Stops the loop, writes what is waiting and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _timer.Dispose();
        await _loop;
        await FlushAsync();
        _file.Dispose();
        _drainLock.Dispose();
    }

    /// <summary>Takes effect for the lines logged from now on; they start a new file block (header) under the new settings.</summary>
    internal void Reconfigure(AccessLogSettings settings) => _settings = settings;

    internal static AccessLogEntry Entry(EdgeRequest request, DateTimeOffset now, TimeSpan elapsed)
    {
        var context = request.HttpContext;
        var connection = context.Connection;
        var headers = context.Request.Headers;
        var status = context.Response.StatusCode;

        // IIS's sc-win32-status 64 (ERROR_NETNAME_DELETED): the client went away (Kestrel says 499 when that was before any answer).
        var aborted = status == StatusCodes.Status499ClientClosedRequest || context.RequestAborted.IsCancellationRequested;
        return new AccessLogEntry
        {
            Time = now,
            SiteName = request.Site?.Name,
            ServerAddress = connection.LocalIpAddress,
            ServerPort = connection.LocalPort,
            ClientAddress = connection.RemoteIpAddress,
            Method = context.Request.Method,
            UriStem = request.RequestPath,
            UriQuery = request.RequestQuery,
            ProtocolVersion = context.Request.Protocol,
            UserAgent = Single(headers.UserAgent),
            Cookie = Single(headers.Cookie),
            Referer = Single(headers.Referer),
            Host = Single(headers.Host),
            Status = status,
            SubStatus = request.SubStatus,
            Win32Status = aborted ? 64 : 0,
            BytesSent = context.Response.ContentLength,
            BytesReceived = context.Request.ContentLength,
            TimeTakenMilliseconds = (long)elapsed.TotalMilliseconds,
        };
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count <= 1 ? values.ToString() : string.Join(',', values.ToArray());

    private async Task RunAsync()
    {
        var tick = _timer.WaitForNextTickAsync().AsTask();
        while (true)
        {
            await Task.WhenAny(tick, _buffer.Wake);
            if (tick.IsCompleted)
            {
                if (!await tick)
                {
                    return;
                }

                tick = _timer.WaitForNextTickAsync().AsTask();
            }

            await FlushAsync();
        }
    }

    /// <summary>Writes the waiting batch, segment by segment. Runs under the drain lock; never throws.</summary>
    private void Drain()
    {
        var batch = _buffer.Take();
        try
        {
            for (var i = 0; i < batch.Segments.Count; i++)
            {
                var segment = batch.Segments[i];
                var bytes = batch.SegmentBytes(i);
                var lines = bytes.Span.Count((byte)'\n');
                var result = _file.Write(segment.Settings, segment.Time, bytes);
                var written = bytes.Span[..result.Kept].Count((byte)'\n');
                Interlocked.Add(ref _written, written);
                if (result.Error is { } error)
                {
                    Interlocked.Add(ref _failedLines, lines - written);
                    if (!_failing)
                    {
                        _failing = true;
                        LogWriteFailed(_logger, segment.Settings.Site, segment.Settings.Directory, error.Message);
                    }
                }
                else if (_failing)
                {
                    _failing = false;
                    LogRecovered(_logger, segment.Settings.Site, _file.CurrentPath ?? "", LinesDropped);
                }
            }
        }
        finally
        {
            _buffer.Return(batch);
        }

        // Lines dropped because the buffer was full: once per episode, until a batch goes by without any.
        var dropped = _buffer.Dropped;
        if (dropped != _droppedSeen)
        {
            if (!_overflowing)
            {
                _overflowing = true;
                LogBufferFull(_logger, _settings.Site, dropped);
            }

            _droppedSeen = dropped;
        }
        else
        {
            _overflowing = false;
        }
    }

    [LoggerMessage(EventId = EventIds.AccessLogWriteFailed, Level = LogLevel.Warning, Message = "The access log of site '{Site}' cannot be written in {Directory}: {Reason}. Requests are served; their log lines are dropped and counted until it can be written again")]
    private static partial void LogWriteFailed(ILogger logger, string site, string directory, string reason);

    [LoggerMessage(EventId = EventIds.AccessLogWriteRecovered, Level = LogLevel.Information, Message = "The access log of site '{Site}' is written again, to {File}; {Dropped} line(s) were dropped in all")]
    private static partial void LogRecovered(ILogger logger, string site, string file, long dropped);

    [LoggerMessage(EventId = EventIds.AccessLogBufferFull, Level = LogLevel.Warning, Message = "The access log of site '{Site}' falls behind: lines were dropped because its buffer was full ({Dropped} dropped in all)")]
    private static partial void LogBufferFull(ILogger logger, string site, long dropped);
}
