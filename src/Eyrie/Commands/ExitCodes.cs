namespace Eyrie.Commands;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The configuration (eyrie.json or a web.config) is invalid, or Eyrie could not start with it.</summary>
    public const int ConfigurationError = 1;

    /// <summary>An action failed: on the running Eyrie (an application that does not exist, a recycle that failed), or a unit file that cannot be written.</summary>
    public const int ActionFailed = 2;

    /// <summary>No running Eyrie answers for this configuration.</summary>
    public const int NotRunning = 3;
}
