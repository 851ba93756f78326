using System.Runtime.InteropServices;
using System.Threading.Channels;
using Eyrie.Configuration;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Processes.Pools;
using Eyrie.Server.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Hosting;

/// <summary>
/// Reloads eyrie.json when the file changes, on SIGHUP, and when asked (admin API, `eyrie reload`). The new
/// file is validated whole, web.configs included; an invalid one is rejected with every error (file, line,
/// key) and the running configuration keeps serving. When an app's web.config changes, the running
/// configuration is applied again so that its security sections take effect. Reloads run one at a time,
/// from one loop, and each is announced to systemd (RELOADING=1, then READY=1).
/// </summary>
public sealed partial class ConfigurationReloader(
    ConfigurationSource configuration,
    EdgeServer server,
    WorkerPoolManager pools,
    SystemdNotifications systemd,
    TimeProvider time,
    ILogger<ConfigurationReloader> logger)
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
    private string? _appliedTag;

    /// <summary>The outcome of the last reload, for status output; null before the first.</summary>
    public ReloadResult? LastReload { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);

        // A web.config being written raises several events and can be read half-written: act once it is quiet.
        _webConfigDebounce = time.CreateTimer(_ => _triggers.Writer.TryWrite(new ReloadTrigger(true, null)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        pools.WebConfigChanged += OnWebConfigChanged;
        ListenForHangup();

        if (configuration.Current.FilePath is { } file)
        {
            _debounce = time.CreateTimer(_ => _triggers.Writer.TryWrite(new ReloadTrigger(false, null, FromFileWatch: true)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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

    /// <summary>
    /// Takes over SIGHUP, whose default action ends the process. Called before the host starts (and again,
    /// harmlessly, when the reloader starts), so that a SIGHUP sent as soon as a port answers reloads Eyrie
    /// instead of killing it; a reload asked for before the loop runs waits in its queue.
    /// </summary>
    public void ListenForHangup()
    {
        if (OperatingSystem.IsWindows() || _hangup is not null)
        {
            return;
        }

        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            LogSignal(logger);
            _triggers.Writer.TryWrite(new ReloadTrigger(false, null));
        });
    }

    /// <summary>Reloads now and returns the outcome.</summary>
    public async Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<ReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _triggers.Writer.WriteAsync(new ReloadTrigger(false, completion), cancellationToken);
        return await completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces eyrie.json with <paramref name="content"/> if the file is still the one tagged
    /// <paramref name="ifMatch"/> (<c>*</c>: any): validated whole, applied, and only then written (atomically,
    /// by renaming a file written beside it). Whatever fails, nothing is written and nothing changes.
    /// </summary>
    public async Task<ConfigWriteResult> ReplaceAsync(byte[] content, string ifMatch, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<ConfigWriteResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _triggers.Writer.WriteAsync(new ReloadTrigger(false, null, Replacement: new ConfigReplacement(content, ifMatch, completion)), cancellationToken);
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

                if (trigger.Replacement is { } replacement)
                {
                    // A write through the admin API is a reload too: systemd sees it as one.
                    systemd.Reloading();
                    var written = await ReplaceOnceAsync(replacement, stoppingToken);
                    systemd.Reloaded(new ReloadResult(written.Outcome == ConfigWriteOutcome.Applied, written.Message, written.Diagnostics, time.GetUtcNow()));
                    replacement.Completion.TrySetResult(written);
                    continue;
                }

                if (trigger.FromFileWatch && IsAppliedAlready())
                {
                    // The file event of a write through the admin API, whose content is already running.
                    continue;
                }

                systemd.Reloading();
                var result = await ReloadOnceAsync(stoppingToken);
                LastReload = result;
                systemd.Reloaded(result);
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

    private bool IsAppliedAlready()
    {
        try
        {
            return _appliedTag is not null && configuration.Current.FilePath is { } file && ConfigFileTag.Of(File.ReadAllBytes(file)) == _appliedTag;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<ConfigWriteResult> ReplaceOnceAsync(ConfigReplacement replacement, CancellationToken cancellationToken)
    {
        if (configuration.Current.FilePath is not { } file)
        {
            return new ConfigWriteResult(ConfigWriteOutcome.NoFile, "Eyrie runs without a configuration file (eyrie host): there is nothing to write", [], null);
        }

        var currentTag = ConfigFileTag.Of(await File.ReadAllBytesAsync(file, cancellationToken));
        if (replacement.IfMatch != "*" && !string.Equals(replacement.IfMatch, currentTag, StringComparison.Ordinal))
        {
            return new ConfigWriteResult(ConfigWriteOutcome.PreconditionFailed, $"{file} changed since it was read (its tag is now {currentTag}); read it again and redo the change", [], currentTag);
        }

        var diagnostics = new DiagnosticBag();
        var parsed = EyrieConfigLoader.Parse(replacement.Content, file, diagnostics, time);
        if (parsed.Config is not { } loaded)
        {
            var malformed = Configuration.Json.JsonSourceParser.Parse(replacement.Content, file, new DiagnosticBag()) is null;
            var errors = parsed.Errors.Count();
            LogWriteRejected(logger, file, errors, string.Join(Environment.NewLine, parsed.Errors));
            return new ConfigWriteResult(
                malformed ? ConfigWriteOutcome.Malformed : ConfigWriteOutcome.Invalid,
                $"the configuration was rejected ({errors} error(s)); nothing was written or applied",
                parsed.Diagnostics,
                currentTag);
        }

        var temporary = Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteLikeAsync(temporary, file, replacement.Content, cancellationToken);
            await server.ApplyAsync(loaded, cancellationToken);
        }
        catch (ConfigurationException ex)
        {
            File.Delete(temporary);
            LogWriteRejected(logger, file, ex.Diagnostics.Count, string.Join(Environment.NewLine, ex.Diagnostics));
            return new ConfigWriteResult(ConfigWriteOutcome.NotApplied, "the configuration could not be applied; nothing was written and the running configuration is unchanged", ex.Diagnostics, currentTag);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            return new ConfigWriteResult(ConfigWriteOutcome.NotApplied, $"cannot write beside {file}: {ex.Message}; nothing was applied", [], currentTag);
        }

        File.Move(temporary, file, overwrite: true);
        _appliedTag = ConfigFileTag.Of(replacement.Content);
        LastReload = new ReloadResult(true, "the configuration was replaced through the admin API", loaded.Warnings, time.GetUtcNow());
        LogWritten(logger, file);
        return new ConfigWriteResult(ConfigWriteOutcome.Applied, "the configuration was written and applied", loaded.Warnings, _appliedTag);
    }

    /// <summary>Writes <paramref name="path"/> with the permissions of <paramref name="model"/>, flushed to disk before it replaces it.</summary>
    private static async Task WriteLikeAsync(string path, string model, byte[] content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File.GetUnixFileMode(model);
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(content, cancellationToken);
        stream.Flush(flushToDisk: true);
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
        _appliedTag = null;
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

    [LoggerMessage(EventId = EventIds.ConfigurationWritten, Level = LogLevel.Information, Message = "{File} was replaced through the admin API and applied")]
    private static partial void LogWritten(ILogger logger, string file);

    [LoggerMessage(EventId = EventIds.ConfigurationWriteRejected, Level = LogLevel.Warning, Message = "A write of {File} through the admin API was rejected with {Count} error(s); nothing was written:\n{Errors}")]
    private static partial void LogWriteRejected(ILogger logger, string file, int count, string errors);

    [LoggerMessage(EventId = EventIds.ConfigurationWarning, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
