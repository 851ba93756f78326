namespace Eyrie.Server;

/// <summary>Stable log event ids of the front end (2000–2999). Next free ids: 2050–2052, then 2055.</summary>
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
    public const int CertificateReloaded = 2016;
    public const int CertificateReloadFailed = 2017;
    public const int TlsNoCertificate = 2018;
    public const int ConfigurationReloaded = 2019;
    public const int ConfigurationReloadRejected = 2020;
    public const int ConfigurationFileChanged = 2021;
    public const int ReloadSignal = 2022;
    public const int AdminListening = 2023;
    public const int AdminRequestFailed = 2024;
    public const int StaticFileRefused = 2025;
    public const int ListenerReplaced = 2026;
    public const int ApplyRolledBack = 2027;
    public const int ConfigurationWatchFailed = 2028;
    public const int MisdirectedRequest = 2029;
    public const int DynamicIpLoggedOnly = 2030;
    public const int DynamicIpTableFull = 2031;
    public const int RequestDenied = 2032;
    public const int FramingViolation = 2033;
    public const int ConnectionRefusedPerClient = 2034;
    public const int WebConfigSecurityInvalid = 2035;
    public const int BadRequestHeaders = 2036;
    public const int ClientBodyFailed = 2037;
    public const int WebConfigChanged = 2038;
    public const int RangeDropped = 2039;
    public const int FarmServerUnhealthy = 2040;
    public const int FarmServerHealthy = 2041;
    public const int FarmServerTakenOut = 2042;
    public const int FarmRetry = 2043;
    public const int FarmForwardingFailed = 2044;
    public const int FarmNoServer = 2045;
    public const int UrlRewritten = 2046;
    public const int AccessLogWriteFailed = 2047;
    public const int AccessLogWriteRecovered = 2048;
    public const int AccessLogBufferFull = 2049;
    public const int AdminReady = 2050;
    public const int ConfigurationWritten = 2053;
    public const int ConfigurationWriteRejected = 2054;

    // 2060–2069: systemd integration.
    public const int SystemdNotifyFailed = 2060;
}
