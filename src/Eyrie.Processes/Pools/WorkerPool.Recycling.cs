using Eyrie.Configuration.Model.Pools;
using Eyrie.Processes.Health;
using Eyrie.Processes.Resources;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>Overlapped recycles and what triggers them: requests, deploys, reconfiguration, the periodic checks.</summary>
public sealed partial class WorkerPool
{
    private const int ChangedFilesShown = 3;

    /// <summary>
    /// Replaces every worker: a new generation starts (from the current definition and a fresh read of
    /// web.config) and takes the traffic only once all of it is ready; the old one then drains and stops. If
    /// the new workers fail, the old ones keep serving and the failure is reported.
    /// </summary>
    private void StartRecycle(string reason, TaskCompletionSource<RecycleResult>? completion)
    {
        if (_shutDown || _failed || _stoppedByOperator || _offlinePage is not null)
        {
            var state = _shutDown ? "shutting down" : _offlinePage is not null ? "offline (app_offline.htm)" : "stopped";
            Complete(completion, new RecycleResult(false, $"{_application.DisplayName} is {state}; start it first"));
            return;
        }

        if (_rotation is not null)
        {
            // One rotation at a time; this one runs after it, so the newest files and settings win.
            _pendingRecycle ??= new PendingRecycle(reason);
            _pendingRecycle.Reason = reason;
            if (completion is not null)
            {
                _pendingRecycle.Completions.Add(completion);
            }

            return;
        }

        var serving = _members.Where(m => m.Generation == _generation && m.IsLive).ToList();
        if (serving.Count == 0 && !_startsInFlight.Any(t => t.Generation == _generation))
        {
            // Nothing runs: the next start reads the new files and settings anyway.
            _generation++;
            _settings = null;
            EnsureWorkers();
            Record(reason, true, "no worker was running; the next start uses the new version");
            Complete(completion, new RecycleResult(true, "no worker was running; the next start uses the new version"));
            return;
        }

        var (settings, failure) = ResolveSettings(_application);
        if (settings is null)
        {
            _lastFailure = failure;
            var message = $"the new configuration is invalid, the current workers keep serving: {failure!.Message}";
            Record(reason, false, message);
            LogRecycleFailed(_logger, _application.DisplayName, reason, message);
            Complete(completion, new RecycleResult(false, message));
            return;
        }

        LogRecycling(_logger, _application.DisplayName, reason);
        if (_poolSettings.DisallowOverlappingRotation)
        {
            // IIS's disallowOverlappingRotation: the old workers stop first, then the new ones start.
            foreach (var member in serving)
            {
                DrainAndStop(member);
            }

            _generation++;
            _settings = settings;
            EnsureWorkers();
            Record(reason, true, "the old workers were stopped before the new ones start (disallowOverlappingRotation)");
            Complete(completion, new RecycleResult(true, "the old workers were stopped; the new ones are starting"));
            return;
        }

        var rotation = new Rotation(true, reason, _generation + 1, settings.ProcessesPerApplication, serving, _application, settings, _poolSettings, _services.Time.GetTimestamp());
        _rotation = rotation;
        if (completion is not null)
        {
            rotation.Completions.Add(completion);
        }

        for (var i = 0; i < rotation.Target; i++)
        {
            Launch(new StartTicket(rotation.Generation, rotation, _application, settings, _poolSettings));
        }
    }

    /// <summary>Replaces one worker within its generation (periodic restart, failed health checks), overlapped.</summary>
    private void ReplaceWorker(PoolMember member, string reason)
    {
        if (_rotation is not null || member.BeingReplaced || _shutDown)
        {
            return;
        }

        LogReplacing(_logger, member.Worker.ToString(), reason);
        member.BeingReplaced = true;
        var rotation = new Rotation(false, reason, member.Generation, 1, [member], member.Ticket.Application, member.Ticket.Settings, _poolSettings, _services.Time.GetTimestamp());
        _rotation = rotation;
        Launch(new StartTicket(member.Generation, rotation, member.Ticket.Application, member.Ticket.Settings, _poolSettings));
    }

    private void CompleteRotation(Rotation rotation)
    {
        _rotation = null;
        foreach (var member in rotation.Incoming)
        {
            member.InRotation = true;
        }

        foreach (var member in rotation.Replaced)
        {
            DrainAndStop(member);
        }

        if (rotation.IsFullRecycle)
        {
            _generation = rotation.Generation;
            _settings = rotation.Settings;

            // Anything still starting for the old generation is no longer wanted.
            foreach (var member in _members.Where(m => m.Generation < _generation && m.Worker.State == WorkerState.Starting))
            {
                DrainAndStop(member);
            }
        }

        var elapsed = _services.Time.GetElapsedTime(rotation.StartedAt);
        var message = $"{rotation.Incoming.Count} new worker(s) took over after {elapsed.TotalMilliseconds:0} ms; {rotation.Replaced.Count} old one(s) finish their requests and stop";
        LogRecycled(_logger, _application.DisplayName, rotation.Reason, message);
        if (rotation.IsFullRecycle)
        {
            Record(rotation.Reason, true, message);
        }

        foreach (var completion in rotation.Completions)
        {
            Complete(completion, new RecycleResult(true, message));
        }

        ServeWaiters();
        StartPendingRecycle();
    }

    private void AbortRotation(Rotation rotation, string why)
    {
        _rotation = null;
        foreach (var member in rotation.Incoming)
        {
            DrainAndStop(member);
        }

        foreach (var member in rotation.Replaced)
        {
            member.BeingReplaced = false;
        }

        var message = $"the new workers did not take over, the current ones keep serving: {why}";
        LogRecycleFailed(_logger, _application.DisplayName, rotation.Reason, message);
        if (rotation.IsFullRecycle)
        {
            Record(rotation.Reason, false, message);
        }

        foreach (var completion in rotation.Completions)
        {
            Complete(completion, new RecycleResult(false, message));
        }

        StartPendingRecycle();
    }

    private void StartPendingRecycle()
    {
        if (_pendingRecycle is { } pending)
        {
            _pendingRecycle = null;
            StartRecycle(pending.Reason, null);
            if (_rotation is { } rotation)
            {
                rotation.Completions.AddRange(pending.Completions);
            }
            else
            {
                foreach (var completion in pending.Completions)
                {
                    Complete(completion, _lastRecycle is { } last ? new RecycleResult(last.Succeeded, last.Message) : new RecycleResult(true, "done"));
                }
            }
        }
    }

    private void FailPendingRecycle(string why)
    {
        if (_pendingRecycle is { } pending)
        {
            _pendingRecycle = null;
            foreach (var completion in pending.Completions)
            {
                Complete(completion, new RecycleResult(false, why));
            }
        }
    }

    /// <summary>Completes a recycle's caller once the pool's new state is published (see <see cref="_afterPublish"/>).</summary>
    private void Complete(TaskCompletionSource<RecycleResult>? completion, RecycleResult result)
    {
        if (completion is not null)
        {
            _afterPublish.Add(() => completion.TrySetResult(result));
        }
    }

    private void Record(string reason, bool succeeded, string message)
    {
        _lastRecycle = new RecycleRecord(_services.Time.GetUtcNow(), reason, succeeded, message);
        _services.Metrics.Recycled(_application.DisplayName, succeeded);
    }

    /// <summary>
    /// Takes a worker out of rotation, lets it finish its requests (WebSockets included) for up to
    /// shutdownTimeLimit, then stops it gracefully. Its exit arrives here as an Exited command.
    /// </summary>
    private void DrainAndStop(PoolMember member)
    {
        member.InRotation = false;
        var worker = member.Worker;
        if (worker.State is WorkerState.Stopping or WorkerState.Exited)
        {
            return;
        }

        _ = worker.TryDrain() ? DrainThenStopAsync(worker) : worker.StopAsync(worker.Settings.ShutdownTimeLimit, _services.ShutdownClient);
    }

    private async Task DrainThenStopAsync(Worker worker)
    {
        var limit = worker.Settings.ShutdownTimeLimit;
        await Task.WhenAny(worker.Drained, worker.Exited, Task.Delay(limit, _services.Time));
        await worker.StopAsync(limit, _services.ShutdownClient);
    }

    private void OnFileChanged(string relativePath)
    {
        var change = AppFileFilter.Classify(relativePath, _settings);
        if (change == AppFileChange.None)
        {
            return;
        }

        if (change == AppFileChange.WebConfig)
        {
            // Its security sections apply at the edge whether or not the app recycles for it.
            WebConfigChanged?.Invoke(this);
        }

        _changedFiles.Add(relativePath);
        _quietTimer.Change(_poolSettings.QuietPeriod, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The folder has been quiet: the changed files are a deploy (or a web.config edit) to recycle for.</summary>
    private void OnFolderQuiet()
    {
        var disallowOnConfig = _poolSettings.DisallowRotationOnConfigChange || _settings is { DisallowRotationOnConfigChange: true };
        var recycleFiles = _settings?.RecycleOnFileChange.Select(f => Launching.WindowsPath.Normalize(f).TrimStart('.', '/')).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var relevant = _changedFiles.Where(name => AppFileFilter.Classify(name, _settings) == AppFileChange.WebConfig
            ? !disallowOnConfig
            : _poolSettings.RecycleOnDeploy || recycleFiles.Contains(name.Replace('\\', '/'))).Order(StringComparer.OrdinalIgnoreCase).ToList();
        _changedFiles.Clear();
        if (relevant.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", relevant.Take(ChangedFilesShown).Select(n => n.Length == 0 ? "(events lost)" : n));
        var more = relevant.Count > ChangedFilesShown ? $" and {relevant.Count - ChangedFilesShown} more" : "";
        LogFilesChanged(_logger, _application.DisplayName, shown + more);
        StartRecycle($"files changed: {shown}{more}", null);
    }

    private void OnReconfigure(ApplicationDefinition application)
    {
        var previous = _application;
        _application = application;
        _poolSettings = PoolSettings.From(application.Pool);
        if (!string.Equals(previous.PhysicalPath, application.PhysicalPath, StringComparison.Ordinal))
        {
            _watcher.Dispose();
            _watcher = WatchFolder(application.PhysicalPath);
            OnAppOfflineChanged();
        }

        if (!previous.LaunchEquals(application))
        {
            StartRecycle("its configuration changed", null);
        }
        else
        {
            EnsureWorkers();
        }
    }

    /// <summary>Once a second: resource samples, the idle timeout, periodic restarts, the schedule, health checks.</summary>
    private void OnTick()
    {
        if (_shutDown)
        {
            return;
        }

        foreach (var member in _members)
        {
            Sample(member);
        }

        var now = _services.Time.GetLocalNow();
        var previous = _lastTickLocal;
        _lastTickLocal = now;
        if (_failed || _stoppedByOperator || _offlinePage is not null)
        {
            return;
        }

        if (StopIfIdle())
        {
            return;
        }

        if (_poolSettings.Schedule.Count > 0 && RecycleSchedule.ScheduledTimeBetween(_poolSettings.Schedule, previous, now) is { } time && _members.Count > 0)
        {
            StartRecycle($"periodicRestart schedule: {time:hh\\:mm\\:ss}", null);
        }

        if (_rotation is null)
        {
            foreach (var member in _members.Where(m => m.InRotation))
            {
                var uptime = _services.Time.GetUtcNow() - member.Worker.StartedAt;
                if (RecycleSchedule.WorkerDue(_poolSettings, uptime, member.Worker.RequestCount, member.Sample) is { } reason)
                {
                    ReplaceWorker(member, reason);
                    break;
                }
            }
        }

        CheckHealth();
        EnsureWorkers();
    }

    private void Sample(PoolMember member)
    {
        if (member.Worker.State is WorkerState.Exited)
        {
            return;
        }

        var sample = ProcessResources.Read(member.Worker.ProcessId, _services.Time);
        if (sample is not null && member.Sample is { } earlier)
        {
            member.CpuPercent = ProcessResources.CpuPercent(earlier, sample, _services.Time);
        }

        member.Sample = sample ?? member.Sample;
    }

    /// <summary>IIS's idleTimeout: no request for that long stops the workers; the next request starts them.</summary>
    private bool StopIfIdle()
    {
        var idleTimeout = _poolSettings.IdleTimeout;
        if (!_active || _poolSettings.StartMode == StartMode.AlwaysRunning || idleTimeout <= TimeSpan.Zero || _rotation is not null ||
            _waiters.Count > 0 || _startsInFlight.Count > 0 || !_members.Any(m => m.IsLive) || _members.Any(m => m.Worker.ActiveRequests > 0))
        {
            return false;
        }

        var lastActivity = _members.Max(m => m.Worker.LastActivity);
        if (_services.Time.GetElapsedTime(lastActivity) < idleTimeout)
        {
            return false;
        }

        LogIdle(_logger, _application.DisplayName, idleTimeout);
        _active = false;
        foreach (var member in _members)
        {
            DrainAndStop(member);
        }

        return true;
    }

    private void CheckHealth()
    {
        if (_poolSettings.HealthCheck is not { Interval: var interval } check || interval <= TimeSpan.Zero)
        {
            return;
        }

        var now = _services.Time.GetTimestamp();
        if (now < _nextHealthCheck)
        {
            return;
        }

        _nextHealthCheck = now + (long)(interval.TotalSeconds * _services.Time.TimestampFrequency);
        foreach (var member in _members.Where(m => m.Worker.State == WorkerState.Ready && !m.HealthCheckRunning))
        {
            member.HealthCheckRunning = true;
            var worker = member.Worker;
            _ = _services.HealthProbe.CheckAsync(worker, check, _stopping.Token).ContinueWith(
                t => Post(new PoolCommand.HealthChecked(worker, t.IsCompletedSuccessfully ? t.Result : new HealthCheckResult(false, "the check was abandoned"))),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void OnHealthChecked(Worker worker, HealthCheckResult result)
    {
        var member = _members.Find(m => ReferenceEquals(m.Worker, worker));
        if (member is null)
        {
            return;
        }

        member.HealthCheckRunning = false;
        if (result.Passed)
        {
            member.HealthFailures = 0;
            if (!member.InRotation && !member.BeingReplaced && member.Generation == _generation && worker.State == WorkerState.Ready)
            {
                // It recovered before a replacement took over.
                member.InRotation = true;
            }

            return;
        }

        member.HealthFailures++;
        LogHealthCheckFailed(_logger, worker.ToString(), result.Detail, member.HealthFailures);
        if (member.HealthFailures < (_poolSettings.HealthCheck?.UnhealthyThreshold ?? 1) || member.BeingReplaced || member.Generation != _generation)
        {
            return;
        }

        // Out of rotation at once if another worker can serve; replaced either way.
        if (_members.Any(m => m.InRotation && !ReferenceEquals(m, member)))
        {
            member.InRotation = false;
        }

        ReplaceWorker(member, $"health check failed {member.HealthFailures} times: {result.Detail}");
    }
}
