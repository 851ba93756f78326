using Eyrie.Processes.Resources;

namespace Eyrie.Processes.Pools;

/// <summary>IIS's periodicRestart conditions, as pure functions of the settings, a worker's facts and the time.</summary>
public static class RecycleSchedule
{
    /// <summary>Why a worker is due for a recycle, or null.</summary>
    public static string? WorkerDue(PoolSettings settings, TimeSpan uptime, long requests, ProcessSample? sample)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PeriodicTime > TimeSpan.Zero && uptime >= settings.PeriodicTime)
        {
            return $"periodicRestart time: it has run {uptime:d\\.hh\\:mm\\:ss}";
        }

        if (settings.PeriodicRequests > 0 && requests >= settings.PeriodicRequests)
        {
            return $"periodicRestart requests: it has served {requests} requests";
        }

        if (sample is not null && settings.MemoryKb > 0 && sample.VirtualKb > settings.MemoryKb)
        {
            return $"periodicRestart memory: {sample.VirtualKb} KB virtual memory is over {settings.MemoryKb} KB";
        }

        if (sample is not null && settings.PrivateMemoryKb > 0 && sample.PrivateKb > settings.PrivateMemoryKb)
        {
            return $"periodicRestart privateMemory: {sample.PrivateKb} KB private memory is over {settings.PrivateMemoryKb} KB";
        }

        return null;
    }

    /// <summary>The scheduled time of day passed in (<paramref name="previous"/>, <paramref name="now"/>], if any (local times).</summary>
    public static TimeSpan? ScheduledTimeBetween(IReadOnlyList<TimeSpan> schedule, DateTimeOffset previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (now <= previous)
        {
            return null;
        }

        foreach (var timeOfDay in schedule)
        {
            // The first occurrence of the time of day after the previous check.
            var candidate = new DateTimeOffset(previous.Date, previous.Offset) + timeOfDay;
            if (candidate <= previous)
            {
                candidate = candidate.AddDays(1);
            }

            if (candidate <= now)
            {
                return timeOfDay;
            }
        }

        return null;
    }
}
