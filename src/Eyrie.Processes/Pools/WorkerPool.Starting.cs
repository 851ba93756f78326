using Eyrie.Configuration.Model.Pools;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>Starting workers, their readiness and health gate, crashes and rapid-fail protection.</summary>
public sealed partial class WorkerPool
{
    /// <summary>
    /// Starts workers until the serving generation has <c>processesPerApplication</c> of them, when there is
    /// demand (waiting requests, a pool in use, or AlwaysRunning) and the pool may start any.
    /// </summary>
    private void EnsureWorkers()
    {
        if (_shutDown || _failed || _stoppedByOperator || _offlinePage is not null)
        {
            return;
        }

        if (_poolSettings.StartMode == StartMode.AlwaysRunning)
        {
            _active = true;
        }

        if (!_active && _waiters.Count == 0)
        {
            return;
        }

        var live = _members.Count(m => m.Generation == _generation && m.IsLive) +
                   _startsInFlight.Count(t => t.Generation == _generation && t.Rotation is null);
        if (live == 0 || _settings is null)
        {
            // A fresh start reads web.config again, as ANCM does on every start.
            var (settings, failure) = ResolveSettings(_application);
            if (settings is null)
            {
                _lastFailure = failure;
                FailWaiters(AcquireResult.ForFailure(failure!, null));
                return;
            }

            _settings = settings;
        }

        var missing = _settings.ProcessesPerApplication - live;
        if (missing <= 0)
        {
            return;
        }

        if (_rapidFails.IsExceeded(_settings.RapidFailsPerMinute))
        {
            LogRapidFail(_logger, _application.DisplayName, _settings.RapidFailsPerMinute, _rapidFails.WindowEnd);
            var refused = new WorkerFailure(
                WorkerFailureKind.RapidFailLimit,
                $"Maximum rapid fail count per minute of '{_settings.RapidFailsPerMinute}' exceeded ({_rapidFails.Count} failures); no process is started until {_rapidFails.WindowEnd:HH:mm:ss} UTC.",
                _lastFailure?.CommandLine,
                _lastFailure?.ExitCode,
                _lastFailure?.Output,
                _services.Time.GetUtcNow());
            FailWaiters(AcquireResult.ForFailure(refused, _settings));
            return;
        }

        for (var i = 0; i < missing; i++)
        {
            Launch(new StartTicket(_generation, null, _application, _settings, _poolSettings));
        }
    }

    private void Launch(StartTicket ticket)
    {
        _startsInFlight.Add(ticket);
        _ = StartWorkerAsync(ticket, ++_nextWorkerId);
    }

    /// <summary>Launches a worker, waits until it listens and passes the health check; reports each step to the loop.</summary>
    private async Task StartWorkerAsync(StartTicket ticket, int id)
    {
        Worker worker;
        try
        {
            worker = await _services.Launcher.LaunchAsync(ticket.Application, ticket.Settings, id);
        }
        catch (WorkerLaunchException ex)
        {
            Post(new PoolCommand.LaunchFailed(new WorkerFailure(WorkerFailureKind.LaunchFailed, ex.Message, null, null, null, _services.Time.GetUtcNow()), ticket));
            return;
        }

        _services.Metrics.WorkerStarted(_application.DisplayName);
        Post(new PoolCommand.Launched(worker, ticket));
        StartupResult result;
        try
        {
            result = await worker.WaitUntilReadyAsync(ticket.Settings.StartupTimeLimit, _services.Probe, _stopping.Token);
            if (result.Failure is null && ticket.PoolSettings.HealthCheck is { } check)
            {
                result = await WaitUntilHealthyAsync(worker, check, ticket.Settings.StartupTimeLimit);
            }
        }
        catch (OperationCanceledException)
        {
            // The pool is shutting down: this worker will never serve. Its exit completes the shutdown.
            worker.Kill();
            result = new StartupResult(new WorkerFailure(WorkerFailureKind.LaunchFailed, "The start was abandoned because the pool is shutting down.", worker.Plan.CommandLine, null, null, _services.Time.GetUtcNow()));
        }

        if (result.Failure is { } failure)
        {
            // Let the pipes drain so that the page and the log show the app's last words.
            await Task.WhenAny(worker.Output.Completion, Task.Delay(TimeSpan.FromSeconds(1), _services.Time));
            result = new StartupResult(failure with { Output = worker.Output.ReadTail() });
        }

        Post(new PoolCommand.StartCompleted(worker, result, ticket));
    }

    /// <summary>Asks a listening worker for its health-check URL until it passes, within what is left of startupTimeLimit.</summary>
    private async Task<StartupResult> WaitUntilHealthyAsync(Worker worker, Health.WorkerHealthCheck check, TimeSpan startupTimeLimit)
    {
        var deadline = worker.StartedAt + startupTimeLimit;
        var interval = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var result = await _services.HealthProbe.CheckAsync(worker, check, _stopping.Token);
            if (result.Passed)
            {
                return StartupResult.Ready;
            }

            var remaining = deadline - _services.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero || worker.Exited.IsCompleted)
            {
                worker.Kill();
                return new StartupResult(new WorkerFailure(WorkerFailureKind.HealthCheckFailed,
                    $"The process listened but did not pass its health check within startupTimeLimit ({startupTimeLimit.TotalSeconds:0} s): {result.Detail}.",
                    worker.Plan.CommandLine, null, null, _services.Time.GetUtcNow()));
            }

            await Task.WhenAny(worker.Exited, Task.Delay(remaining < interval ? remaining : interval, _services.Time, _stopping.Token));
            _stopping.Token.ThrowIfCancellationRequested();
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    private void OnLaunched(Worker worker, StartTicket ticket)
    {
        _startsInFlight.Remove(ticket);
        var member = new PoolMember(worker, ticket);
        _members.Add(member);
        if (ticket.Rotation is { } rotation && ReferenceEquals(rotation, _rotation))
        {
            rotation.Incoming.Add(member);
        }

        _ = worker.Exited.ContinueWith(
            t => Post(new PoolCommand.Exited(worker, t.Result)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnStartCompleted(Worker worker, StartupResult result, StartTicket ticket)
    {
        if (result.Failure is { } failure)
        {
            // The worker stays listed until its process has exited (it was killed, or is exiting).
            OnStartFailed(ticket, failure);
            return;
        }

        LogReady(_logger, worker.ToString(), (worker.ReadyAt!.Value - worker.StartedAt).TotalMilliseconds);
        var member = _members.Find(m => ReferenceEquals(m.Worker, worker));
        if (member is null)
        {
            return;
        }

        var wanted = !_shutDown && !_failed && !_stoppedByOperator && _offlinePage is null &&
                     (ticket.Rotation is { } rotation ? ReferenceEquals(rotation, _rotation) : ticket.Generation == _generation);
        if (!wanted)
        {
            // Its rotation was abandoned, or the pool went offline, stopped or moved on while it started.
            DrainAndStop(member);
            return;
        }

        if (ticket.Rotation is { } joining)
        {
            if (joining.ReadyCount >= joining.Target)
            {
                CompleteRotation(joining);
            }

            return;
        }

        member.InRotation = true;
        ServeWaiters();
    }

    private void OnStartFailed(StartTicket ticket, WorkerFailure failure)
    {
        if (ticket.Rotation is { } abandoned && !ReferenceEquals(abandoned, _rotation))
        {
            // A start for a rotation that has already ended: nothing to report.
            return;
        }

        _lastFailure = failure;
        _rapidFails.RecordFailure();
        LogStartFailed(_logger, _application.DisplayName, ticket.Attempt, failure.Message, failure.Output ?? "");
        if (_shutDown || RecordPoolFailure())
        {
            return;
        }

        // A second attempt, with a new port, unless the failure would only repeat (ANCM: two per trigger).
        var retryable = failure.Kind is WorkerFailureKind.ExitedDuringStartup or WorkerFailureKind.StartupTimeout or WorkerFailureKind.PortOwnedByOtherProcess or WorkerFailureKind.HealthCheckFailed;
        if (retryable && ticket.Attempt < AttemptsPerStart && _offlinePage is null && !_stoppedByOperator &&
            !_rapidFails.IsExceeded(ticket.Settings.RapidFailsPerMinute))
        {
            ticket.Attempt++;
            Launch(ticket);
            return;
        }

        if (ticket.Rotation is { } rotation)
        {
            AbortRotation(rotation, failure.Message);
            return;
        }

        if (!_members.Any(m => m.InRotation))
        {
            FailWaiters(AcquireResult.ForFailure(failure, ticket.Settings));
        }
    }

    private void OnExited(Worker worker, WorkerExit exit)
    {
        var member = _members.Find(m => ReferenceEquals(m.Worker, worker));
        if (member is null)
        {
            return;
        }

        _members.Remove(member);
        _lastExit = new WorkerExitRecord(worker.ProcessId, exit.Description, exit.WasRequested, exit.At);
        var crashed = !exit.WasRequested && worker.ReadyAt is not null;
        _services.Metrics.WorkerExited(_application.DisplayName, exit.WasRequested ? "stopped" : crashed ? "crashed" : "failed_start");
        if (!crashed)
        {
            // A stop we asked for, or a start failure the start path already reports.
            LogExited(_logger, worker.ToString(), exit.Description);
            return;
        }

        // A crash: its in-flight requests fail (502.3); a replacement starts at once while the pool is in use.
        _restarts++;
        _rapidFails.RecordFailure();
        _lastFailure = new WorkerFailure(WorkerFailureKind.Crashed, $"{worker} crashed ({exit.Description}).",
            worker.Plan.CommandLine, exit.ExitCode, worker.Output.ReadTail(), exit.At);
        LogCrashed(_logger, worker.ToString(), exit.Description);
        if (RecordPoolFailure())
        {
            return;
        }

        if (_rotation is { } rotation && rotation.Incoming.Contains(member))
        {
            AbortRotation(rotation, $"a new worker crashed before taking over ({exit.Description})");
            return;
        }

        EnsureWorkers();
    }

    /// <summary>Counts a failure for IIS's rapid-fail protection; true if that stopped the pool.</summary>
    private bool RecordPoolFailure()
    {
        if (!_poolSettings.RapidFailProtection)
        {
            return false;
        }

        _failures.Record();
        var count = _failures.Count(_poolSettings.RapidFailProtectionInterval);
        if (count < _poolSettings.RapidFailProtectionMaxCrashes)
        {
            return false;
        }

        _failed = true;
        var last = _lastFailure;
        _lastFailure = new WorkerFailure(
            WorkerFailureKind.PoolRapidFailProtection,
            $"{count} failures within {_poolSettings.RapidFailProtectionInterval} (rapidFailProtectionMaxCrashes {_poolSettings.RapidFailProtectionMaxCrashes}): the pool was stopped; start it with `eyrie app start {_application.DisplayName}`. Last failure: {last?.Message}",
            last?.CommandLine,
            last?.ExitCode,
            last?.Output,
            _services.Time.GetUtcNow());
        LogPoolFailed(_logger, _application.DisplayName, count, _poolSettings.RapidFailProtectionInterval);
        TakeOutOfService(AcquireResult.ForUnavailable(_lastFailure, _poolSettings.RefuseAtTcpLevel));
        return true;
    }

    private void OnAppOfflineChanged()
    {
        byte[]? page;
        try
        {
            page = AppFolderWatcher.ReadAppOffline(_application.PhysicalPath);
        }
        catch (DirectoryNotFoundException)
        {
            page = null;
        }

        var wasOffline = _offlinePage is not null;
        _offlinePage = page;
        if (page is null)
        {
            if (wasOffline)
            {
                LogAppOfflineRemoved(_logger, _application.DisplayName);
                _settings = null;
                EnsureWorkers();
            }

            return;
        }

        if (!wasOffline)
        {
            LogAppOffline(_logger, _application.DisplayName);
        }

        TakeOutOfService(AcquireResult.ForOffline(page));
    }
}
