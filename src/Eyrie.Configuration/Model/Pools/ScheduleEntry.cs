using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Model.Pools;

/// <summary>A time of day of IIS's <c>periodicRestart/schedule</c>.</summary>
public sealed record ScheduleEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Value.ToString();

    [Description("The local time of day, hh:mm:ss.")]
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public required TimeSpan Value { get; init; }
}
