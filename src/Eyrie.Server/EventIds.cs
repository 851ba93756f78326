namespace Eyrie.Server;

/// <summary>Stable log event ids of the front end (2000–2999). Next free id: 2016.</summary>
internal static class EventIds
{
    public const int ListenerStarted = 2000;
    public const int ListenerStopped = 2001;
    public const int ListenerFailed = 2002;
    public const int ForwardingFailed = 2003;
    public const int ClientDisconnected = 2004;
    public const int StartupFailureServed = 2005;
    public const int ConfigurationApplied = 2006;
    public const int ServerStopping = 2007;
    public const int ServerStopped = 2008;
    public const int UnhandledRequestException = 2009;
    public const int InvalidHostname = 2010;
    public const int ConfigurationWarning = 2011;
    public const int DrainTimedOut = 2012;
    public const int VirtualDirectoryPending = 2013;
    public const int ServerStarted = 2014;
    public const int RetiredPoolsStopped = 2015;
}
