using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Admin;

/// <summary>The admin listener's log messages.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = EventIds.AdminListening, Level = LogLevel.Information, Message = "Admin API and dashboard on {Url} (bearer token in {TokenFile}; `eyrie dashboard` prints the link)")]
    public static partial void Dashboard(ILogger logger, string url, string tokenFile);

    // Written once every listener and the admin socket are up: from here on the `eyrie` commands reach this Eyrie.
    [LoggerMessage(EventId = EventIds.AdminReady, Level = LogLevel.Information, Message = "Eyrie is running; admin API on unix:{Socket}")]
    public static partial void Ready(ILogger logger, string socket);
}
