using Eyrie.Configuration.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Eyrie.Server.Listeners;

/// <summary>
/// The <c>webLimits</c> a Kestrel listener takes when it starts: Kestrel reads them once, and HTTP/2 connections
/// take the data rates from the server, so they cannot change per request or per reload.
/// </summary>
internal sealed record ListenerLimits(TimeSpan HeaderWaitTimeout, TimeSpan ConnectionTimeout, int MinBytesPerSecond, int? MaxConnections)
{
    /// <summary>Kestrel's grace before a data rate is enforced, kept so that a transfer may start slowly.</summary>
    private static readonly TimeSpan RateGracePeriod = TimeSpan.FromSeconds(5);

    public static ListenerLimits From(WebLimitsConfig? limits) => new(
        limits?.HeaderWaitTimeout ?? WebLimitsConfig.DefaultHeaderWaitTimeout,
        limits?.ConnectionTimeout ?? WebLimitsConfig.DefaultConnectionTimeout,
        limits?.MinBytesPerSecond ?? WebLimitsConfig.DefaultMinBytesPerSecond,
        limits?.MaxConnections);

    public void ApplyTo(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.RequestHeadersTimeout = HeaderWaitTimeout;
        limits.KeepAliveTimeout = ConnectionTimeout;
        limits.MaxConcurrentConnections = MaxConnections;
        limits.MaxConcurrentUpgradedConnections = MaxConnections;
        limits.MinRequestBodyDataRate = MinBytesPerSecond == 0 ? null : new MinDataRate(MinBytesPerSecond, RateGracePeriod);
        limits.MinResponseDataRate = MinBytesPerSecond == 0 ? null : new MinDataRate(MinBytesPerSecond, RateGracePeriod);

        // A silent HTTP/2 peer is probed, then dropped, within the idle connection time.
        limits.Http2.KeepAlivePingDelay = ConnectionTimeout / 2;
        limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
    }
}
