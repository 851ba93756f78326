using System.Collections.Concurrent;
using System.Net;
using Eyrie.Configuration.Model.Security;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Security;

/// <summary>
/// IIS's <c>dynamicIpSecurity</c>: a client with more requests in progress than <c>maxConcurrentRequests</c>
/// (sub-status 501), or more than <c>maxRequests</c> within <c>requestIntervalInMilliseconds</c> (502), is
/// denied; in logging-only mode it is served and the sub-status recorded. Memory is bounded: idle clients
/// are swept away, and at most <see cref="MaxTrackedClients"/> are tracked (beyond that, new clients are not
/// limited rather than refused, and this is logged).
/// </summary>
public sealed partial class DynamicIpLimiter : IDisposable
{
    public const int MaxTrackedClients = 1 << 20;

    private readonly ConcurrentDictionary<UInt128, ClientCounters> _clients = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private readonly int? _maxConcurrent;
    private readonly int? _maxRequests;
    private readonly long _interval;
    private readonly long _idleAfter;
    private readonly bool _loggingOnly;
    private readonly DenyAction _denyAction;
    private long _lastFullWarning = long.MinValue;
    private int _tracked;

    public DynamicIpLimiter(DynamicIpSecurityConfig settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        Settings = settings;
        _time = time;
        _logger = logger;
        _maxConcurrent = settings.DenyByConcurrentRequests is { Enabled: true } concurrent ? concurrent.MaxConcurrentRequests ?? 5 : null;
        _maxRequests = settings.DenyByRequestRate is { Enabled: true } rate ? rate.MaxRequests ?? 20 : null;
        var intervalMs = settings.DenyByRequestRate?.RequestIntervalInMilliseconds ?? 200;
        _interval = (long)(intervalMs / 1000.0 * time.TimestampFrequency);
        _idleAfter = Math.Max(_interval, time.TimestampFrequency) * 2;
        _loggingOnly = settings.EnableLoggingOnlyMode ?? false;
        _denyAction = settings.DenyAction ?? DenyAction.Forbidden;
        ProxyMode = settings.EnableProxyMode ?? false;
        var sweepEvery = TimeSpan.FromSeconds(Math.Max(1, intervalMs * 4 / 1000.0));
        _sweeper = time.CreateTimer(_ => Sweep(), null, sweepEvery, sweepEvery);
    }

    public DynamicIpSecurityConfig Settings { get; }

    public bool ProxyMode { get; }

    /// <summary>True when this limiter does anything (one of its two limits is enabled).</summary>
    public bool IsActive => _maxConcurrent is not null || _maxRequests is not null;

    /// <summary>Clients tracked right now.</summary>
    public int TrackedClients => Volatile.Read(ref _tracked);

    /// <summary>
    /// Counts a request of <paramref name="client"/> and decides. When the result carries counters, the
    /// request holds a concurrency slot: give it back with <see cref="Leave"/> when the request ends.
    /// </summary>
    public (SecurityDecision Decision, object? Slot) Enter(IPAddress client, out bool loggedOnly)
    {
        ArgumentNullException.ThrowIfNull(client);
        loggedOnly = false;
        var now = _time.GetTimestamp();
        var key = ClientKey.From(client);
        if (!_clients.TryGetValue(key, out var counters))
        {
            // Counted here, not with ConcurrentDictionary.Count, which takes every lock of the table.
            if (Volatile.Read(ref _tracked) >= MaxTrackedClients)
            {
                WarnFull(now);
                return (SecurityDecision.Pass, null);
            }

            var fresh = new ClientCounters { WindowStart = now };
            counters = _clients.GetOrAdd(key, fresh);
            if (ReferenceEquals(counters, fresh))
            {
                Interlocked.Increment(ref _tracked);
            }
        }

        Volatile.Write(ref counters.LastSeen, now);
        var subStatus = 0;
        object? slot = null;
        if (_maxConcurrent is { } maxConcurrent)
        {
            if (Interlocked.Increment(ref counters.Active) > maxConcurrent)
            {
                Interlocked.Decrement(ref counters.Active);
                subStatus = 501;
            }
            else
            {
                slot = counters;
            }
        }

        if (subStatus == 0 && _maxRequests is { } maxRequests)
        {
            lock (counters)
            {
                if (now - counters.WindowStart >= _interval)
                {
                    counters.WindowStart = now;
                    counters.CountInWindow = 0;
                }

                if (++counters.CountInWindow > maxRequests)
                {
                    subStatus = 502;
                }
            }
        }

        if (subStatus == 0)
        {
            return (SecurityDecision.Pass, slot);
        }

        if (_loggingOnly)
        {
            loggedOnly = true;
            LogLoggedOnly(_logger, client, subStatus);
            return (new SecurityDecision(0, subStatus, false), slot);
        }

        if (slot is not null)
        {
            Interlocked.Decrement(ref counters.Active);
        }

        return (DenyDecisions.For(_denyAction, subStatus), null);
    }

    /// <summary>Gives back the concurrency slot of a request that has ended.</summary>
    public static void Leave(object? slot)
    {
        if (slot is ClientCounters counters)
        {
            Interlocked.Decrement(ref counters.Active);
        }
    }

    /// <summary>Forgets clients with nothing in progress that have been quiet longer than the interval.</summary>
    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, counters) in _clients)
        {
            if (Volatile.Read(ref counters.Active) == 0 && now - Volatile.Read(ref counters.LastSeen) > _idleAfter)
            {
                if (_clients.TryRemove(new KeyValuePair<UInt128, ClientCounters>(key, counters)))
                {
                    Interlocked.Decrement(ref _tracked);
                }
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private void WarnFull(long now)
    {
        var last = Interlocked.Read(ref _lastFullWarning);
        if (now - last > _time.TimestampFrequency * 60 && Interlocked.CompareExchange(ref _lastFullWarning, now, last) == last)
        {
            LogFull(_logger, MaxTrackedClients);
        }
    }

    [LoggerMessage(EventId = EventIds.DynamicIpLoggedOnly, Level = LogLevel.Information, Message = "dynamicIpSecurity (logging only): {Client} would be denied (sub-status {SubStatus})")]
    private static partial void LogLoggedOnly(ILogger logger, IPAddress client, int subStatus);

    [LoggerMessage(EventId = EventIds.DynamicIpTableFull, Level = LogLevel.Warning, Message = "dynamicIpSecurity tracks {Max} clients already; new clients are not limited until idle ones expire")]
    private static partial void LogFull(ILogger logger, int max);
}
