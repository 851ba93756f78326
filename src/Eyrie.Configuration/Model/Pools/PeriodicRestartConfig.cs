using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>IIS's <c>periodicRestart</c>: the conditions that recycle a worker.</summary>
public sealed record PeriodicRestartConfig
{
    /// <summary>IIS's default: 29 hours of uptime.</summary>
    public static readonly TimeSpan DefaultTime = TimeSpan.FromHours(29);

    [Description("Recycle a worker after it has run this long (IIS default 29:00:00; 00:00:00 never).")]
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan? Time { get; init; }

    [Description("Recycle a worker after this many requests (default 0: never).")]
    [Range(0, int.MaxValue)]
    public long? Requests { get; init; }

    [Description("Recycle a worker whose virtual memory exceeds this many KB (default 0: never).")]
    [Range(0, int.MaxValue)]
    public long? Memory { get; init; }

    [Description("Recycle a worker whose private memory (resident anonymous memory and swap) exceeds this many KB (default 0: never).")]
    [Range(0, int.MaxValue)]
    public long? PrivateMemory { get; init; }

    [Description("Times of day (local time, hh:mm:ss) at which the workers are recycled.")]
    public ConfigCollection<ScheduleEntry>? Schedule { get; init; }
}
