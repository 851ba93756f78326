using Eyrie.Processes.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Processes.Tests.Pools;

public sealed class FailureWindowTests
{
    [Fact]
    public void Counts_OnlyTheFailuresWithinTheInterval()
    {
        var time = new FakeTimeProvider();
        var window = new FailureWindow(time);
        window.Record();
        time.Advance(TimeSpan.FromMinutes(3));
        window.Record();
        window.Record();

        Assert.Equal(3, window.Count(TimeSpan.FromMinutes(5)));
        time.Advance(TimeSpan.FromMinutes(2.5));
        Assert.Equal(2, window.Count(TimeSpan.FromMinutes(5)));
        window.Clear();
        Assert.Equal(0, window.Count(TimeSpan.FromMinutes(5)));
    }
}
