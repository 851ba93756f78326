using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Admin;

/// <summary>The admin listener's log messages.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = EventIds.AdminListening, Level = LogLevel.Information, Message = "Admin API and dashboard on {Url} (bearer token in {TokenFile}; `eyrie dashboard` prints the link)")]
    public static partial void Dashboard(ILogger logger, string url, string tokenFile);
}
