namespace Eyrie.Commands;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The configuration (eyrie.json or a web.config) is invalid, or Eyrie could not start with it.</summary>
    public const int ConfigurationError = 1;

    /// <summary>An action on the running Eyrie failed (an application that does not exist, a recycle that failed).</summary>
    public const int ActionFailed = 2;

    /// <summary>No running Eyrie answers for this configuration.</summary>
    public const int NotRunning = 3;
}
