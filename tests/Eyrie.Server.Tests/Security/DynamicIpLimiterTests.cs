using System.Net;
using Eyrie.Configuration.Model.Security;
using Eyrie.Server.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Server.Tests.Security;

public sealed class DynamicIpLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.2");
    private readonly FakeTimeProvider _time = new();

    private DynamicIpLimiter Limiter(int? maxConcurrent = null, int? maxRequests = null, int intervalMs = 1000, bool loggingOnly = false, DenyAction? denyAction = null) =>
        new(new DynamicIpSecurityConfig
        {
            DenyAction = denyAction,
            EnableLoggingOnlyMode = loggingOnly,
            DenyByConcurrentRequests = maxConcurrent is null ? null : new ConcurrentRequestsLimitConfig { Enabled = true, MaxConcurrentRequests = maxConcurrent },
            DenyByRequestRate = maxRequests is null ? null : new RequestRateLimitConfig { Enabled = true, MaxRequests = maxRequests, RequestIntervalInMilliseconds = intervalMs },
        }, _time, NullLogger.Instance);

    [Fact]
    public void RequestRate_DeniesOverTheLimit_Within_TheInterval_ThenAllowsAgain()
    {
        using var limiter = Limiter(maxRequests: 3, intervalMs: 1000);

        var decisions = Enumerable.Range(0, 5).Select(i => limiter.Enter(Client, out _).Decision).ToList();

        Assert.All(decisions.Take(3), d => Assert.False(d.IsDenied));
        Assert.All(decisions.Skip(3), d => Assert.Equal(SecurityDecision.Deny(403, 502), d));
        Assert.False(limiter.Enter(Other, out _).Decision.IsDenied);

        _time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.False(limiter.Enter(Client, out _).Decision.IsDenied);
    }

    [Fact]
    public void ConcurrentRequests_HoldSlots_UntilLeave()
    {
        using var limiter = Limiter(maxConcurrent: 2, denyAction: DenyAction.NotFound);

        var first = limiter.Enter(Client, out _);
        var second = limiter.Enter(Client, out _);
        var third = limiter.Enter(Client, out _);

        Assert.False(first.Decision.IsDenied);
        Assert.False(second.Decision.IsDenied);
        Assert.Equal(SecurityDecision.Deny(404, 501), third.Decision);
        Assert.Null(third.Slot);

        DynamicIpLimiter.Leave(first.Slot);
        var fourth = limiter.Enter(Client, out _);
        Assert.False(fourth.Decision.IsDenied);
    }

    [Fact]
    public void AConcurrencyDenial_DoesNotCountTowardsTheRate()
    {
        using var limiter = Limiter(maxConcurrent: 1, maxRequests: 2);

        var held = limiter.Enter(Client, out _);
        Assert.Equal(501, limiter.Enter(Client, out _).Decision.SubStatus);
        Assert.Equal(501, limiter.Enter(Client, out _).Decision.SubStatus);
        DynamicIpLimiter.Leave(held.Slot);

        Assert.False(limiter.Enter(Client, out _).Decision.IsDenied);
    }

    [Fact]
    public void LoggingOnly_PassesWithTheSubStatus()
    {
        using var limiter = Limiter(maxRequests: 1, loggingOnly: true);

        limiter.Enter(Client, out _);
        var (decision, _) = limiter.Enter(Client, out var loggedOnly);

        Assert.True(loggedOnly);
        Assert.False(decision.IsDenied);
        Assert.Equal(502, decision.SubStatus);
    }

    [Fact]
    public void AbortRequest_AbortsWithoutAStatus()
    {
        using var limiter = Limiter(maxRequests: 0, denyAction: DenyAction.AbortRequest);

        var (decision, _) = limiter.Enter(Client, out _);

        Assert.True(decision.Abort);
        Assert.True(decision.IsDenied);
    }

    [Fact]
    public void AMillionClients_AreForgotten_OnceIdle()
    {
        using var limiter = Limiter(maxConcurrent: 10, maxRequests: 100, intervalMs: 200);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var address in Addresses(1_000_000))
        {
            var (_, slot) = limiter.Enter(address, out _);
            DynamicIpLimiter.Leave(slot);
        }

        Assert.Equal(1_000_000, limiter.TrackedClients);

        // Idle for longer than twice the interval (at least two seconds): the sweep timer forgets them all.
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, limiter.TrackedClients);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 16 << 20, $"{(after - before) >> 20} MiB still held after the sweep");
    }

    [Fact]
    public void ClientsInProgress_AreNotForgotten()
    {
        using var limiter = Limiter(maxConcurrent: 1);
        var (_, slot) = limiter.Enter(Client, out _);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, limiter.TrackedClients);
        Assert.True(limiter.Enter(Client, out _).Decision.IsDenied, "the request in progress still counts");
        DynamicIpLimiter.Leave(slot);
    }

    [Fact]
    public void Table_IsCapped_NewClientsBeyondItAreNotLimited()
    {
        using var limiter = Limiter(maxRequests: 0);

        foreach (var address in Addresses(DynamicIpLimiter.MaxTrackedClients + 1000))
        {
            limiter.Enter(address, out _);
        }

        Assert.Equal(DynamicIpLimiter.MaxTrackedClients, limiter.TrackedClients);
        var (decision, _) = limiter.Enter(IPAddress.Parse("2001:db8::1"), out _);
        Assert.False(decision.IsDenied);
    }

    [Fact]
    public void IPv4MappedAndPlainIPv4_AreOneClient()
    {
        using var limiter = Limiter(maxRequests: 1);

        limiter.Enter(IPAddress.Parse("192.0.2.9"), out _);
        var (decision, _) = limiter.Enter(IPAddress.Parse("::ffff:192.0.2.9"), out _);

        Assert.True(decision.IsDenied);
    }

    private static IEnumerable<IPAddress> Addresses(int count)
    {
        var bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        for (var i = 0; i < count; i++)
        {
            bytes[12] = (byte)(i >> 24);
            bytes[13] = (byte)(i >> 16);
            bytes[14] = (byte)(i >> 8);
            bytes[15] = (byte)i;
            yield return new IPAddress(bytes);
        }
    }
}
