using Eyrie.Processes.Pools;
using Eyrie.Processes.Resources;

namespace Eyrie.Processes.Tests.Pools;

public sealed class RecycleScheduleTests
{
    private static readonly PoolSettings Settings = PoolSettings.Default with
    {
        PeriodicTime = TimeSpan.FromHours(29),
        PeriodicRequests = 1000,
        MemoryKb = 500_000,
        PrivateMemoryKb = 100_000,
    };

    [Fact]
    public void AWorkerWithinEveryLimit_IsNotDue()
    {
        Assert.Null(RecycleSchedule.WorkerDue(Settings, TimeSpan.FromHours(28), 999, Sample(virtualKb: 400_000, privateKb: 90_000)));
    }

    [Theory]
    [InlineData(29 * 60, 0, 0, 0, "periodicRestart time")]
    [InlineData(0, 1000, 0, 0, "periodicRestart requests")]
    [InlineData(0, 0, 500_001, 0, "periodicRestart memory")]
    [InlineData(0, 0, 0, 100_001, "periodicRestart privateMemory")]
    public void EachLimit_MakesAWorkerDue_AndSaysWhich(int minutes, long requests, long virtualKb, long privateKb, string reason)
    {
        var due = RecycleSchedule.WorkerDue(Settings, TimeSpan.FromMinutes(minutes), requests, Sample(virtualKb, privateKb));

        Assert.NotNull(due);
        Assert.StartsWith(reason + ":", due, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroLimits_AreOff_AsInIis()
    {
        var off = PoolSettings.Default with { PeriodicTime = TimeSpan.Zero };

        Assert.Null(RecycleSchedule.WorkerDue(off, TimeSpan.FromDays(400), long.MaxValue, Sample(long.MaxValue, long.MaxValue)));
    }

    [Fact]
    public void ScheduledTime_IsFoundOnce_WhenTheCheckPassesIt_AcrossMidnightToo()
    {
        TimeSpan[] schedule = [TimeSpan.FromHours(3), new TimeSpan(23, 59, 30)];
        var day = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(3), RecycleSchedule.ScheduledTimeBetween(schedule, day.AddHours(3).AddSeconds(-1), day.AddHours(3)));
        Assert.Null(RecycleSchedule.ScheduledTimeBetween(schedule, day.AddHours(3), day.AddHours(3).AddSeconds(1)));
        Assert.Equal(new TimeSpan(23, 59, 30), RecycleSchedule.ScheduledTimeBetween(schedule, day.AddHours(23).AddMinutes(59).AddSeconds(29), day.AddDays(1).AddSeconds(1)));
        Assert.Null(RecycleSchedule.ScheduledTimeBetween(schedule, day.AddHours(4), day.AddHours(4)));
    }

    private static ProcessSample Sample(long virtualKb, long privateKb) => new(virtualKb, 1, privateKb, TimeSpan.Zero, 0);
}
