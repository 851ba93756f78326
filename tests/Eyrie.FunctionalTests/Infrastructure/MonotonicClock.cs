using System.Runtime.InteropServices;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>The kernel's CLOCK_MONOTONIC, read with clock_gettime itself: what systemd compares MONOTONIC_USEC with.</summary>
internal static class MonotonicClock
{
    private const int ClockMonotonic = 1;

    public static long Microseconds()
    {
        // struct timespec on 64-bit Linux: two longs, seconds and nanoseconds.
        var timespec = new long[2];
        if (ClockGetTime(ClockMonotonic, timespec) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_MONOTONIC) failed: " + Marshal.GetLastPInvokeError());
        }

        return (timespec[0] * 1_000_000) + (timespec[1] / 1000);
    }

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGetTime(int clock, [Out] long[] timespec);
}
