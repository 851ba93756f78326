using System.Runtime.InteropServices;
using System.Threading.Channels;
using Eyrie.Configuration;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Processes.Pools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Hosting;

/// <summary>
/// Reloads eyrie.json when the file changes, on SIGHUP, and when asked (admin API, `eyrie reload`). The new
/// file is validated whole, web.configs included; an invalid one is rejected with every error (file, line,
/// key) and the running configuration keeps serving. When an app's web.config changes, the running
/// configuration is applied again so that its security sections take effect. Reloads run one at a time,
/// from one loop.
/// </summary>
public sealed partial class ConfigurationReloader(ConfigurationSource configuration, EdgeServer server, WorkerPoolManager pools, TimeProvider time, ILogger<ConfigurationReloader> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly Channel<ReloadTrigger> _triggers = Channel.CreateUnbounded<ReloadTrigger>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private ITimer? _webConfigDebounce;
    private PosixSignalRegistration? _hangup;
    private Task _loop = Task.CompletedTask;

    /// <summary>The outcome of the last reload, for status output; null before the first.</summary>
    public ReloadResult? LastReload { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);

        // A web.config being written raises several events and can be read half-written: act once it is quiet.
        _webConfigDebounce = time.CreateTimer(_ => _triggers.Writer.TryWrite(new ReloadTrigger(true, null)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        pools.WebConfigChanged += OnWebConfigChanged;
        if (!OperatingSystem.IsWindows())
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                LogSignal(logger);
                _triggers.Writer.TryWrite(new ReloadTrigger(false, null));
            });
        }

        if (configuration.Current.FilePath is { } file)
        {
            _debounce = time.CreateTimer(_ => _triggers.Writer.TryWrite(new ReloadTrigger(false, null)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            try
            {
                _watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file))
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                _watcher.Changed += OnFileEvent;
                _watcher.Created += OnFileEvent;
                _watcher.Renamed += OnFileEvent;
                _watcher.EnableRaisingEvents = true;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                LogWatchFailed(logger, file, ex.Message);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Reloads now and returns the outcome.</summary>
    public async Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<ReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _triggers.Writer.WriteAsync(new ReloadTrigger(false, completion), cancellationToken);
        return await completion.Task.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        pools.WebConfigChanged -= OnWebConfigChanged;
        _watcher?.Dispose();
        _hangup?.Dispose();
        _triggers.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _webConfigDebounce?.Dispose();
        _hangup?.Dispose();
        _stopping.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) =>
        _debounce?.Change(Debounce, Timeout.InfiniteTimeSpan);

    private void OnWebConfigChanged(ApplicationDefinition application)
    {
        LogWebConfigChanged(logger, application.DisplayName);
        _webConfigDebounce?.Change(Debounce, Timeout.InfiniteTimeSpan);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var trigger in _triggers.Reader.ReadAllAsync(stoppingToken))
            {
                if (trigger.WebConfigsOnly)
                {
                    await ReapplyAsync(stoppingToken);
                    continue;
                }

                var result = await ReloadOnceAsync(stoppingToken);
                LastReload = result;
                trigger.Completion?.TrySetResult(result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Eyrie is stopping.
        }
    }

    /// <summary>Applies the running configuration again: the routing table is rebuilt from the web.configs as they are now.</summary>
    private async Task ReapplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await server.ApplyAsync(configuration.Current, cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            LogReapplyFailed(logger, string.Join(Environment.NewLine, ex.Diagnostics));
        }
    }

    private async Task<ReloadResult> ReloadOnceAsync(CancellationToken cancellationToken)
    {
        if (configuration.Current.FilePath is not { } file)
        {
            return new ReloadResult(false, "nothing to reload: Eyrie runs without a configuration file (eyrie host)", [], time.GetUtcNow());
        }

        var result = EyrieConfigLoader.TryLoad(file, time);
        if (result.Config is not { } loaded)
        {
            var errors = result.Errors.ToList();
            LogRejected(logger, file, errors.Count, string.Join(Environment.NewLine, errors));
            return new ReloadResult(false, $"the configuration was rejected ({errors.Count} error(s)); the running configuration is unchanged", result.Diagnostics, time.GetUtcNow());
        }

        try
        {
            await server.ApplyAsync(loaded, cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            LogRejected(logger, file, ex.Diagnostics.Count, string.Join(Environment.NewLine, ex.Diagnostics));
            return new ReloadResult(false, "the configuration could not be applied; the running configuration is unchanged", ex.Diagnostics, time.GetUtcNow());
        }

        foreach (var warning in loaded.Warnings)
        {
            LogWarning(logger, warning.ToString());
        }

        LogReloaded(logger, file);
        return new ReloadResult(true, "the configuration was reloaded", loaded.Warnings, time.GetUtcNow());
    }

    [LoggerMessage(EventId = EventIds.ConfigurationReloaded, Level = LogLevel.Information, Message = "Reloaded {File}")]
    private static partial void LogReloaded(ILogger logger, string file);

    [LoggerMessage(EventId = EventIds.ConfigurationReloadRejected, Level = LogLevel.Error, Message = "Reload of {File} rejected with {Count} error(s); the running configuration keeps serving:\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string file, int count, string errors);

    [LoggerMessage(EventId = EventIds.ReloadSignal, Level = LogLevel.Information, Message = "SIGHUP: reloading the configuration")]
    private static partial void LogSignal(ILogger logger);

    [LoggerMessage(EventId = EventIds.ConfigurationWatchFailed, Level = LogLevel.Warning, Message = "Cannot watch {File} for changes ({Reason}); reload with SIGHUP or `eyrie reload`")]
    private static partial void LogWatchFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = EventIds.WebConfigChanged, Level = LogLevel.Information, Message = "{Application}: web.config changed; its security settings are read again")]
    private static partial void LogWebConfigChanged(ILogger logger, string application);

    [LoggerMessage(EventId = EventIds.ConfigurationReloadRejected, Level = LogLevel.Error, Message = "Applying the web.config change failed; the running configuration keeps serving:\n{Errors}")]
    private static partial void LogReapplyFailed(ILogger logger, string errors);

    [LoggerMessage(EventId = EventIds.ConfigurationWarning, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
