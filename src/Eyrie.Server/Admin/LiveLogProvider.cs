using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Admin;

/// <summary>Puts Eyrie's own log entries (information and above) into the <see cref="LiveLog"/>.</summary>
public sealed class LiveLogProvider(LiveLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LiveLogger(log, categoryName);

    public void Dispose()
    {
    }
}
