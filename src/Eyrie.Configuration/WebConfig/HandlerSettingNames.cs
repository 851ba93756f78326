namespace Eyrie.Configuration.WebConfig;

/// <summary>The ANCM handlerSettings keys (iis-ancm.md §1.3), compared case-insensitively.</summary>
public static class HandlerSettingNames
{
    public const string EnableOutOfProcessConsoleRedirection = "enableOutOfProcessConsoleRedirection";
    public const string ForwardResponseConnectionHeader = "forwardResponseConnectionHeader";
    public const string DisallowRotationOnConfigChange = "disallowRotationOnConfigChange";
    public const string DebugFile = "debugFile";
    public const string DebugLevel = "debugLevel";
    public const string HandlerVersion = "handlerVersion";
    public const string EnableShadowCopy = "enableShadowCopy";
    public const string ExperimentalEnableShadowCopy = "experimentalEnableShadowCopy";
    public const string ShadowCopyDirectory = "shadowCopyDirectory";
    public const string CleanShadowCopyDirectory = "cleanShadowCopyDirectory";
    public const string ShutdownDelay = "shutdownDelay";
    public const string StackSize = "stackSize";
    public const string SetCurrentDirectory = "setCurrentDirectory";
    public const string CallStartupHook = "callStartupHook";
    public const string SuppressRecycleOnStartupTimeout = "suppressRecycleOnStartupTimeout";

    /// <summary>Settings with an effect out of process; the others are in-process only and are ignored with a note.</summary>
    public static readonly IReadOnlySet<string> Applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        EnableOutOfProcessConsoleRedirection,
        ForwardResponseConnectionHeader,
        DisallowRotationOnConfigChange,
    };

    /// <summary>Settings ANCM knows; anything else is reported as unknown (it may be a typo).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        EnableOutOfProcessConsoleRedirection, ForwardResponseConnectionHeader, DisallowRotationOnConfigChange,
        DebugFile, DebugLevel, HandlerVersion, EnableShadowCopy, ExperimentalEnableShadowCopy, ShadowCopyDirectory,
        CleanShadowCopyDirectory, ShutdownDelay, StackSize, SetCurrentDirectory, CallStartupHook,
        SuppressRecycleOnStartupTimeout,
    };
}
