using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Http;
using Eyrie.Configuration.Model.Pools;

namespace Eyrie.Configuration.Validation;

/// <summary>Checks an application's <c>applicationPool</c> beyond the shape of its keys.</summary>
public static class ApplicationPoolRules
{
    public static void Validate(ApplicationPoolConfig? pool, string path, ConfigSourceMap map, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (pool is null)
        {
            return;
        }

        if (pool.StartMode == StartMode.AlwaysRunning && pool.ProcessModel?.IdleTimeout is { } idle && idle > TimeSpan.Zero)
        {
            diagnostics.Warning(map.LocationOf(pool.ProcessModel, nameof(ProcessModelConfig.IdleTimeout)), path + ".processModel.idleTimeout",
                "startMode AlwaysRunning keeps the workers up: the idle timeout does not apply");
        }

        if (pool.HealthCheck is { } health)
        {
            var healthPath = path + ".healthCheck";
            if (!health.Url.StartsWith('/'))
            {
                diagnostics.Error(map.LocationOf(health, nameof(WorkerHealthCheckConfig.Url)), healthPath + ".url", $"'{health.Url}' must be a path starting with '/'");
            }

            if (!StatusCodeRanges.TryParse(health.StatusCodes, out _, out var error))
            {
                diagnostics.Error(map.LocationOf(health, nameof(WorkerHealthCheckConfig.StatusCodes)), healthPath + ".statusCodes", error);
            }
        }

        if (pool.Recycling?.PeriodicRestart?.Schedule is { } schedule)
        {
            var seen = new HashSet<TimeSpan>();
            for (var i = 0; i < schedule.Add.Count; i++)
            {
                if (!seen.Add(schedule.Add[i].Value))
                {
                    diagnostics.Error(map.LocationOf(schedule.Add[i], nameof(ScheduleEntry.Value)), $"{path}.recycling.periodicRestart.schedule.add[{i}].value",
                        $"cannot add a duplicate entry with value '{schedule.Add[i].Value}'");
                }
            }
        }
    }
}
