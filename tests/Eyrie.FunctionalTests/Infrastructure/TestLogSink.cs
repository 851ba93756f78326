using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Collects the log of an in-process Eyrie so tests can assert on it, and copies it to the test's output
/// (shown when a test fails).
/// </summary>
internal sealed class TestLogSink(ITestOutputHelper? output) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public bool Contains(int eventId, string text) =>
        _entries.Any(e => e.EventId == eventId && e.Message.Contains(text, StringComparison.Ordinal));

    public int Count(int eventId) => _entries.Count(e => e.EventId == eventId);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        try
        {
            output?.WriteLine($"{entry.Level} {entry.Category}[{entry.EventId}] {entry.Message}{(entry.Exception is null ? "" : Environment.NewLine + entry.Exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }

    public sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message, Exception? Exception);

    private sealed class SinkLogger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Add(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception), exception));
    }
}
