namespace Eyrie.Processes;

/// <summary>Stable log event ids of the process layer (1000–1999). Next free id: 1041.</summary>
internal static class EventIds
{
    public const int WorkerStarting = 1000;
    public const int WorkerReady = 1001;
    public const int WorkerStartFailed = 1002;
    public const int RapidFailLimitReached = 1003;
    public const int StdoutLogFailed = 1004;
    public const int WorkerKilled = 1005;
    public const int ShutdownMessageSent = 1006;
    public const int WorkerExited = 1007;
    public const int WorkerCrashed = 1008;
    public const int WorkerStopping = 1009;
    public const int StartAttemptsFailed = 1010;
    public const int WorkerOutputLine = 1011;
    public const int AppOfflineDetected = 1012;
    public const int AppOfflineRemoved = 1013;
    public const int InProcessHostingModel = 1014;
    public const int ConfigurationInvalid = 1015;
    public const int PoolStopping = 1016;
    public const int PoolStopped = 1017;
    public const int ProcessIsolationUnavailable = 1018;
    public const int SignalFailed = 1019;
    public const int WatcherFailed = 1020;
    public const int WebConfigChanged = 1021;
    public const int ShutdownMessageFailed = 1022;
    public const int StartupOutput = 1023;
    public const int WorkerCount = 1024;
    public const int StopTimedOut = 1025;
    public const int PortUnavailable = 1026;
    public const int ListenerOwnedByOther = 1027;
    public const int FileChangeRecycle = 1028;
    public const int WindowsAppHostRedirected = 1029;
    public const int PoolHandlerFailed = 1030;
    public const int PoolQueueFull = 1031;
    public const int PoolStarted = 1032;
    public const int PoolStoppedByOperator = 1033;
    public const int PoolRapidFailProtection = 1034;
    public const int Recycling = 1035;
    public const int Recycled = 1036;
    public const int RecycleFailed = 1037;
    public const int WorkerReplacing = 1038;
    public const int IdleTimeout = 1039;
    public const int HealthCheckFailed = 1040;
}
