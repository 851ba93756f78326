using Eyrie.Processes.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Processes.Tests.Pools;

public sealed class RapidFailCounterTests
{
    [Fact]
    public void IsExceeded_OnlyWhenTheCountIsAboveTheLimit()
    {
        var counter = new RapidFailCounter(new FakeTimeProvider());

        for (var i = 0; i < 10; i++)
        {
            counter.RecordFailure();
        }

        Assert.False(counter.IsExceeded(10));
        counter.RecordFailure();
        Assert.True(counter.IsExceeded(10));
    }

    [Fact]
    public void IsExceeded_ZeroLimit_OneFailureBlocks()
    {
        var counter = new RapidFailCounter(new FakeTimeProvider());
        counter.RecordFailure();

        Assert.True(counter.IsExceeded(0));
    }

    [Fact]
    public void Window_IsFixed_AndResetsAMinuteAfterItBegan()
    {
        var time = new FakeTimeProvider();
        var counter = new RapidFailCounter(time);
        time.Advance(TimeSpan.FromSeconds(50));
        counter.RecordFailure();
        counter.RecordFailure();
        Assert.True(counter.IsExceeded(1));

        // Not a sliding window: the minute counts from when the window began, not from the failures.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(counter.IsExceeded(1));
        Assert.Equal(0, counter.Count);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(1), counter.WindowEnd);
    }
}
