using Eyrie.Configuration;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;
using Eyrie.Server.Hosting;
using Eyrie.Server.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Server.Tests.Systemd;

public sealed class SystemdNotificationsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly SystemdNotifications _notifications;

    public SystemdNotificationsTests()
    {
        var config = new EyrieConfig
        {
            Sites =
            [
                new SiteConfig { Name = "A", Applications = [new ApplicationConfig { Path = "/" }, new ApplicationConfig { Path = "/api" }] },
                new SiteConfig { Name = "B", Applications = [new ApplicationConfig { Path = "/" }] },
            ],
        };
        var loaded = new LoadedConfig(config, "/etc/eyrie/eyrie.json", "/etc/eyrie", new ConfigSourceMap(), []);
        _notifications = new SystemdNotifications(new ConfigurationSource(loaded), _time, NullLogger<SystemdNotifications>.Instance, _notifier);
    }

    private static ConfigDiagnostic Error(string key) => new(DiagnosticSeverity.Error, SourceLocation.None, key, "bad");

    [Fact]
    public void Started_SaysWhatIsServed()
    {
        _notifications.Started();

        Assert.Equal(["STATUS=serving 2 sites, 3 applications"], _notifier.Sent);
    }

    [Fact]
    public void AReload_IsRELOADINGWithTheMonotonicClock_ThenREADY()
    {
        _time.Advance(TimeSpan.FromSeconds(12.345678));
        var microseconds = (long)((Int128)_time.GetTimestamp() * 1_000_000 / _time.TimestampFrequency);

        _notifications.Reloading();
        _notifications.Reloaded(new ReloadResult(true, "reloaded", [], _time.GetUtcNow()));

        Assert.Equal(
            [$"RELOADING=1\nMONOTONIC_USEC={microseconds}\nSTATUS=reloading the configuration", "READY=1\nSTATUS=serving 2 sites, 3 applications"],
            _notifier.Sent);
    }

    [Fact]
    public void ARejectedReload_IsREADYToo_WithTheNumberOfErrors()
    {
        _notifications.Reloaded(new ReloadResult(false, "rejected", [Error("a"), Error("b"), new(DiagnosticSeverity.Warning, SourceLocation.None, "c", "meh")], _time.GetUtcNow()));
        _notifications.Reloaded(new ReloadResult(false, "rejected", [Error("a")], _time.GetUtcNow()));

        Assert.Equal(
            ["READY=1\nSTATUS=reload rejected: 2 errors; serving 2 sites, 3 applications", "READY=1\nSTATUS=reload rejected: 1 error; serving 2 sites, 3 applications"],
            _notifier.Sent);
    }

    [Fact]
    public void AReloadThatEndsAfterTheStopBegan_SendsNoREADY()
    {
        _notifications.Reloading();
        _notifications.Stopping();
        _notifications.Reloaded(new ReloadResult(true, "reloaded", [], _time.GetUtcNow()));

        Assert.Equal("STATUS=stopping: draining requests, then stopping workers", _notifier.Sent[^1]);
        Assert.DoesNotContain(_notifier.Sent, m => m.StartsWith("READY=1", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailingSocket_NeverStopsAReload()
    {
        _notifier.Fail = true;

        _notifications.Reloading();
        _notifications.Reloaded(new ReloadResult(true, "reloaded", [], _time.GetUtcNow()));

        Assert.Empty(_notifier.Sent);
    }
}
