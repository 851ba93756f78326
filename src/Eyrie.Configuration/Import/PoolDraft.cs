using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Configuration.Import;

/// <summary>The settings of one IIS pool as they are read, attribute by attribute; only non-defaults are set.</summary>
internal sealed class PoolDraft
{
    public bool AlwaysRunning { get; set; }

    public int? QueueLength { get; set; }

    public TimeSpan? IdleTimeout { get; set; }

    public int? ProcessesPerApplication { get; set; }

    public bool? DisallowOverlappingRotation { get; set; }

    public bool? DisallowRotationOnConfigChange { get; set; }

    public TimeSpan? Time { get; set; }

    public long? Requests { get; set; }

    public long? Memory { get; set; }

    public long? PrivateMemory { get; set; }

    public List<TimeSpan> Schedule { get; } = [];

    public bool? RapidFailProtection { get; set; }

    public int? RapidFailProtectionMaxCrashes { get; set; }

    public TimeSpan? RapidFailProtectionInterval { get; set; }

    public LoadBalancerCapabilities? LoadBalancerCapabilities { get; set; }

    public List<KeyValuePair<string, string>> EnvironmentVariables { get; } = [];

    public ImportedPool ToImportedPool(string name)
    {
        var periodic = Time is null && Requests is null && Memory is null && PrivateMemory is null && Schedule.Count == 0
            ? null
            : new PeriodicRestartConfig
            {
                Time = Time,
                Requests = Requests,
                Memory = Memory,
                PrivateMemory = PrivateMemory,
                Schedule = Schedule.Count == 0 ? null : new ConfigCollection<ScheduleEntry> { Add = ConfigList.From(Schedule.Distinct().Select(t => new ScheduleEntry { Value = t })) },
            };
        var recycling = periodic is null && DisallowOverlappingRotation is null && DisallowRotationOnConfigChange is null
            ? null
            : new RecyclingConfig
            {
                DisallowOverlappingRotation = DisallowOverlappingRotation,
                DisallowRotationOnConfigChange = DisallowRotationOnConfigChange,
                PeriodicRestart = periodic,
            };
        var failure = RapidFailProtection is null && RapidFailProtectionMaxCrashes is null && RapidFailProtectionInterval is null && LoadBalancerCapabilities is null
            ? null
            : new FailureConfig
            {
                RapidFailProtection = RapidFailProtection,
                RapidFailProtectionMaxCrashes = RapidFailProtectionMaxCrashes,
                RapidFailProtectionInterval = RapidFailProtectionInterval,
                LoadBalancerCapabilities = LoadBalancerCapabilities,
            };
        var config = QueueLength is null && IdleTimeout is null && recycling is null && failure is null
            ? null
            : new ApplicationPoolConfig
            {
                QueueLength = QueueLength,
                ProcessModel = IdleTimeout is null ? null : new ProcessModelConfig { IdleTimeout = IdleTimeout },
                Recycling = recycling,
                Failure = failure,
            };
        return new ImportedPool(name, config, AlwaysRunning, ProcessesPerApplication,
            EnvironmentVariables.Count == 0 ? null : new ConfigMap(EnvironmentVariables));
    }
}
