namespace Eyrie.Server.Admin;

/// <summary>One line of the live log: an entry of Eyrie's own log, or a line a worker wrote.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="Level">information, warning, error, critical; <c>output</c> for a worker's line.</param>
/// <param name="Source">The logger's category, or <c>worker</c>.</param>
/// <param name="Application">The application it concerns (<c>site/path</c>), when known.</param>
/// <param name="ProcessId">The worker's process id, for its output.</param>
/// <param name="Message">The text.</param>
public sealed record LiveLogEntry(DateTimeOffset Time, string Level, string Source, string? Application, int? ProcessId, string Message)
{
    /// <summary>True if the entry concerns <paramref name="application"/> (<c>site/path</c>; a site name alone matches all its applications).</summary>
    public bool Concerns(string application)
    {
        if (Application is null)
        {
            return false;
        }

        return application.Contains('/', StringComparison.Ordinal)
            ? string.Equals(Application.TrimEnd('/'), application.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            : Application.StartsWith(application + "/", StringComparison.OrdinalIgnoreCase);
    }
}
