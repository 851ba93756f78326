using Eyrie.Processes.Launching;

namespace Eyrie.Processes.Tests.Launching;

public sealed class PortAllocatorTests
{
    [Theory]
    [InlineData(32768, 60999, 32767)]
    [InlineData(40000, 60999, 39999)]
    [InlineData(14000, 60999, 48000)]
    [InlineData(50000, 60999, 48000)]
    public void Reserve_KeepsOutOfTheEphemeralRange_WhenThereIsRoomBelowIt(int low, int high, int expectedMax)
    {
        var bounds = new List<(int Min, int Max)>();
        var allocator = new PortAllocator((min, max) => { bounds.Add((min, max)); return max - 1; }, (low, high));

        var port = allocator.Reserve();

        Assert.Equal(expectedMax, allocator.MaxRandomPort);
        Assert.Equal((PortAllocator.MinRandomPort, expectedMax + 1), bounds[0]);
        Assert.True(port is null || port <= expectedMax);
    }

    [Fact]
    public void Reserve_WithoutAnEphemeralRange_UsesAncmsWholeRange()
    {
        var allocator = new PortAllocator((min, _) => min);

        Assert.Equal(PortAllocator.MaxPort, allocator.MaxRandomPort);
    }
}
