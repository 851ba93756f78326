using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Admin;

/// <summary>
/// One category's logger into the <see cref="LiveLog"/>. The application an entry concerns is taken from
/// its <c>Application</c> value, which Eyrie's log messages name.
/// </summary>
internal sealed class LiveLogger(LiveLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string? application = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key is "Application" or "Site" && value is string name)
                {
                    application = key == "Site" ? name + "/" : name;
                    break;
                }
            }
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message += Environment.NewLine + exception;
        }

        log.Write(new LiveLogEntry(log.Time.GetUtcNow(), logLevel.ToString().ToLowerInvariant(), category, application, null, message));
    }
}
