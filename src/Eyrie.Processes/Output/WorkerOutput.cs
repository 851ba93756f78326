using System.Text;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Output;

/// <summary>
/// Drains a worker's stdout and stderr so the worker never blocks on a full pipe (iis-ancm.md §2.2),
/// keeps the last 30,000 characters for error pages and Eyrie's log, and, with stdoutLogEnabled, writes
/// everything to the stdout log file.
/// </summary>
public sealed partial class WorkerOutput
{
    /// <summary>How much output is kept for the 502.5 page and the log (ANCM keeps 30,000 characters).</summary>
    public const int TailCharacters = 30_000;

    private readonly OutputRingBuffer _tail = new(TailCharacters * 4);
    private readonly Lock _lock = new();
    private readonly FileStream? _logFile;
    private readonly ILogger _logger;
    private readonly string _source;
    private readonly bool _keep;
    private readonly Action<string>? _onLine;

    /// <param name="stdout">The worker's stdout pipe.</param>
    /// <param name="stderr">The worker's stderr pipe.</param>
    /// <param name="logFile">The stdout log file, or null.</param>
    /// <param name="keep">False when console redirection is disabled: output is read and discarded.</param>
    /// <param name="logger">Receives each output line at Debug level.</param>
    /// <param name="source">Names the worker in those lines, e.g. <c>Shop/api pid 1234</c>.</param>
    /// <param name="onLine">Receives each line too (the admin API's live log), or null.</param>
    public WorkerOutput(Stream stdout, Stream stderr, FileStream? logFile, bool keep, ILogger logger, string source, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        _logFile = logFile;
        _keep = keep;
        _logger = logger;
        _source = source;
        _onLine = onLine;
        Completion = Task.WhenAll(PumpAsync(stdout), PumpAsync(stderr)).ContinueWith(
            _ => CloseLogFile(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when both pipes are closed (the worker and any child holding them have exited).</summary>
    public Task Completion { get; }

    public string? LogFilePath => _logFile?.Name;

    /// <summary>The last <see cref="TailCharacters"/> characters written to stdout and stderr.</summary>
    public string ReadTail()
    {
        lock (_lock)
        {
            return _tail.ReadTail(TailCharacters);
        }
    }

    private async Task PumpAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var debug = _logger.IsEnabled(LogLevel.Debug);
        var lines = debug || _onLine is not null
            ? new LineSplitter(line =>
            {
                if (debug)
                {
                    LogOutputLine(_logger, _source, line);
                }

                _onLine?.Invoke(line);
            })
            : null;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                if (!_keep)
                {
                    continue;
                }

                lock (_lock)
                {
                    _tail.Append(buffer.AsSpan(0, read));
                    WriteLogFile(buffer.AsSpan(0, read));
                }

                lines?.Push(buffer.AsSpan(0, read));
            }

            lines?.Flush();
        }
        catch (IOException)
        {
            // The pipe broke as the worker died; what was read is kept.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void WriteLogFile(ReadOnlySpan<byte> data)
    {
        if (_logFile is null)
        {
            return;
        }

        try
        {
            _logFile.Write(data);
            _logFile.Flush();
        }
        catch (IOException)
        {
            // A full disk must not stop the app; the tail is still kept in memory.
        }
    }

    private void CloseLogFile()
    {
        lock (_lock)
        {
            _logFile?.Dispose();
        }
    }

    [LoggerMessage(EventId = EventIds.WorkerOutputLine, Level = LogLevel.Debug, Message = "[{Worker}] {Line}")]
    private static partial void LogOutputLine(ILogger logger, string worker, string line);

    /// <summary>Splits decoded output into lines for the debug log and the live log.</summary>
    private sealed class LineSplitter(Action<string> onLine)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _pending = new();

        public void Push(ReadOnlySpan<byte> data)
        {
            var chars = new char[Encoding.UTF8.GetMaxCharCount(data.Length)];
            var count = _decoder.GetChars(data, chars, flush: false);
            foreach (var c in chars.AsSpan(0, count))
            {
                if (c == '\n')
                {
                    onLine(_pending.ToString().TrimEnd('\r'));
                    _pending.Clear();
                }
                else
                {
                    _pending.Append(c);
                }
            }
        }

        public void Flush()
        {
            if (_pending.Length > 0)
            {
                onLine(_pending.ToString());
                _pending.Clear();
            }
        }
    }
}
