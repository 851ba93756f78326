using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>IIS's <c>processModel</c> settings that apply to Eyrie's workers.</summary>
public sealed record ProcessModelConfig
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(20);

    [Description("Workers with no request for this long are stopped; the next request starts them (IIS default 00:20:00; 00:00:00 never). Not with startMode AlwaysRunning.")]
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan? IdleTimeout { get; init; }
}
