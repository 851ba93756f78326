using Eyrie.Processes.Resources;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Processes.Tests.Resources;

public sealed class ProcessResourcesTests
{
    private const string Status = "Name:\tdotnet\nVmSize:\t 3145728 kB\nVmRSS:\t   81920 kB\nRssAnon:\t   61440 kB\nVmSwap:\t    1024 kB\n";

    [Fact]
    public void StatusFields_AreReadInKb()
    {
        Assert.Equal(3145728, ProcessResources.StatusKb(Status, "VmSize:"));
        Assert.Equal(81920, ProcessResources.StatusKb(Status, "VmRSS:"));
        Assert.Equal(0, ProcessResources.StatusKb(Status, "VmPin:"));
    }

    [Fact]
    public void CpuTime_CountsFieldsAfterTheCommandName_EvenWithSpacesAndParentheses()
    {
        // utime and stime are fields 14 and 15; the command name "(my (app) x)" holds spaces and a ')'.
        var stat = "4242 (my (app) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 100 3000000 20000";

        Assert.Equal(TimeSpan.FromSeconds(3), ProcessResources.CpuTime(stat));
    }

    [Fact]
    public void CpuPercent_IsTheShareOfOneCpuBetweenSamples()
    {
        var time = new FakeTimeProvider();
        var earlier = new ProcessSample(0, 0, 0, TimeSpan.FromSeconds(10), time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(2));
        var later = earlier with { CpuTime = TimeSpan.FromSeconds(13), At = time.GetTimestamp() };

        Assert.Equal(150, ProcessResources.CpuPercent(earlier, later, time), precision: 6);
    }

    [Fact]
    public void Read_ThisProcess_GivesPlausibleNumbers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's");

        var sample = ProcessResources.Read(Environment.ProcessId, TimeProvider.System);

        Assert.NotNull(sample);
        Assert.InRange(sample.ResidentKb, 1024, sample.VirtualKb);
        Assert.True(sample.PrivateKb > 0);
    }

    [Fact]
    public void Read_AProcessThatIsGone_GivesNothing()
    {
        Assert.Null(ProcessResources.Read(int.MaxValue, TimeProvider.System));
    }
}
