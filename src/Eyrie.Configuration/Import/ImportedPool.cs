using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Pools;

namespace Eyrie.Configuration.Import;

/// <summary>What an IIS application pool becomes for each application that uses it.</summary>
/// <param name="Config">The settings that differ from Eyrie's defaults (null if none), without startMode.</param>
/// <param name="AlwaysRunning">startMode AlwaysRunning: applies to the pool's applications with preloadEnabled.</param>
/// <param name="ProcessesPerApplication">A web garden's maxProcesses, for aspNetCore.processesPerApplication.</param>
/// <param name="EnvironmentVariables">The pool's environmentVariables, inherited by the app's process in IIS.</param>
/// <param name="ClassicRuntime">The pool's .NET Framework version (v4.0, v2.0), a hint that the app may not be ASP.NET Core.</param>
internal sealed record ImportedPool(
    string Name,
    ApplicationPoolConfig? Config,
    bool AlwaysRunning,
    int? ProcessesPerApplication,
    ConfigMap? EnvironmentVariables,
    string? ClassicRuntime = null);
