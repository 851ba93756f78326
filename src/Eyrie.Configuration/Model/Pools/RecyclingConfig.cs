using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>
/// IIS's <c>recycling</c>: when an application's workers are replaced. A recycle is overlapped: new workers
/// start, and only once they are ready do the old ones stop taking requests, finish theirs and stop.
/// </summary>
public sealed record RecyclingConfig
{
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromSeconds(2);

    [Description("Stop the old workers before starting new ones, as IIS's disallowOverlappingRotation (default false: never a moment without a ready worker).")]
    public bool? DisallowOverlappingRotation { get; init; }

    [Description("Do not recycle when web.config changes (IIS's disallowRotationOnConfigChange; ANCM's handler setting of the same name also works).")]
    public bool? DisallowRotationOnConfigChange { get; init; }

    [Description("Recycle when the app's files change (a deploy), once no file has changed for quietPeriod (default true).")]
    public bool? RecycleOnDeploy { get; init; }

    [Description("How long the app folder must be quiet after a change before the recycle starts (default 00:00:02).")]
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan? QuietPeriod { get; init; }

    [Description("IIS's periodicRestart: recycle by age, request count, memory or time of day.")]
    public PeriodicRestartConfig? PeriodicRestart { get; init; }
}
