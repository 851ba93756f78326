using System.ComponentModel;
using System.Diagnostics;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Output;
using Eyrie.Processes.Pools;
using Eyrie.Processes.Workers;
using Microsoft.Extensions.Logging;

namespace Eyrie.Processes.Launching;

/// <summary>Starts worker processes: plans the launch, spawns it isolated, and wires its output.</summary>
public sealed partial class WorkerLauncher
{
    private readonly ProcessSpawner _spawner;
    private readonly ProcessIsolation _isolation;
    private readonly PortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IReadOnlyDictionary<string, string> _baseEnvironment;
    private readonly WorkerOutputFeed _outputFeed;

    /// <param name="outputFeed">Receives every line the workers write.</param>
    /// <param name="baseEnvironment">The environment workers inherit; Eyrie's own unless a test says otherwise.</param>
    public WorkerLauncher(ProcessSpawner spawner, ProcessIsolation isolation, PortAllocator ports, TimeProvider time, ILoggerFactory loggerFactory, WorkerOutputFeed outputFeed, IReadOnlyDictionary<string, string>? baseEnvironment = null)
    {
        _outputFeed = outputFeed;
        _spawner = spawner;
        _isolation = isolation;
        _ports = ports;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<WorkerLauncher>();
        _baseEnvironment = baseEnvironment ?? CurrentEnvironment();
        if (OperatingSystem.IsLinux() && !isolation.HasParentDeathSignal)
        {
            LogIsolationUnavailable(_logger);
        }
    }

    public IReadOnlyDictionary<string, string> BaseEnvironment => _baseEnvironment;

    /// <summary>Starts a worker; it is <see cref="WorkerState.Starting"/> until it listens.</summary>
    /// <exception cref="WorkerLaunchException">The worker cannot be started as configured.</exception>
    public async Task<Worker> LaunchAsync(ApplicationDefinition application, AspNetCoreSettings settings, int workerId)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(settings);
        var plan = WorkerLaunchPlanner.Plan(application, settings, _baseEnvironment, _ports.Reserve);
        if (plan.IsFixedPort)
        {
            _ports.ReserveFixed(plan.Port);
        }

        if (plan.Note is not null)
        {
            LogNote(_logger, application.DisplayName, plan.Note);
        }

        var (fileName, prefix) = _isolation.Wrap(plan.FileName);
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            WorkingDirectory = plan.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in prefix.Concat(plan.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in plan.Environment)
        {
            startInfo.Environment[name] = value;
        }

        LogStarting(_logger, application.DisplayName, plan.CommandLine, plan.Port);
        Process process;
        try
        {
            process = await _spawner.StartAsync(startInfo);
        }
        catch (Win32Exception ex)
        {
            _ports.Release(plan.Port);
            throw new WorkerLaunchException($"cannot start '{plan.FileName}': {ex.Message}", ex);
        }

        // The worker gets no stdin, as under ANCM: it sees end-of-file, never Eyrie's terminal.
        process.StandardInput.Close();

        var source = $"{application.DisplayName} pid {process.Id}";
        var startedAt = _time.GetUtcNow();
        var logFile = settings.StdoutLogEnabled && settings.ConsoleRedirectionEnabled ? OpenStdoutLog(application, settings, startedAt, process.Id) : null;
        var output = new WorkerOutput(
            process.StandardOutput.BaseStream,
            process.StandardError.BaseStream,
            logFile,
            keep: settings.ConsoleRedirectionEnabled,
            _loggerFactory.CreateLogger("Eyrie.Worker.Output"),
            source,
            _outputFeed.HasSubscriber ? line => _outputFeed.Publish(new WorkerOutputLine(application.DisplayName, process.Id, line, _time.GetUtcNow())) : null);
        var worker = new Worker(workerId, application.DisplayName, application.VirtualPath, settings, plan, process, output, _isolation.UsesProcessGroups, _time, _loggerFactory.CreateLogger<Worker>());
        _ = worker.Exited.ContinueWith(_ => _ports.Release(plan.Port), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return worker;
    }

    private FileStream? OpenStdoutLog(ApplicationDefinition application, AspNetCoreSettings settings, DateTimeOffset startedAt, int processId)
    {
        var prefix = EnvironmentExpander.Expand(settings.StdoutLogFile, _baseEnvironment);
        var path = StdoutLogFile.GetPath(prefix, application.PhysicalPath, startedAt, processId);
        try
        {
            return StdoutLogFile.Create(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // As ANCM: the app still starts; its output is kept in memory only.
            LogStdoutLogFailed(_logger, application.DisplayName, path, ex.Message);
            return null;
        }
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return environment;
    }

    [LoggerMessage(EventId = EventIds.WorkerStarting, Level = LogLevel.Information, Message = "Starting a worker for {Application}: {CommandLine} (port {Port})")]
    private static partial void LogStarting(ILogger logger, string application, string commandLine, int port);

    [LoggerMessage(EventId = EventIds.StdoutLogFailed, Level = LogLevel.Warning, Message = "Could not create stdoutLogFile {Path} for {Application}: {Reason}; the app starts without it")]
    private static partial void LogStdoutLogFailed(ILogger logger, string application, string path, string reason);

    [LoggerMessage(EventId = EventIds.WindowsAppHostRedirected, Level = LogLevel.Information, Message = "{Application}: {Note}")]
    private static partial void LogNote(ILogger logger, string application, string note);

    [LoggerMessage(EventId = EventIds.ProcessIsolationUnavailable, Level = LogLevel.Warning,
        Message = "setsid/setpriv (util-linux) not found: workers will not die with Eyrie if it is killed, and Ctrl+C reaches them directly")]
    private static partial void LogIsolationUnavailable(ILogger logger);
}
