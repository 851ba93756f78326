namespace Eyrie.Processes.Pools;

/// <summary>Requests waiting for a worker: answered at once, queued up to the queue length, or refused.</summary>
public sealed partial class WorkerPool
{
    private void OnAcquire(TaskCompletionSource<AcquireResult> waiter)
    {
        if (Refusal() is { } refusal)
        {
            waiter.TrySetResult(refusal);
        }
        else if (_offlinePage is { } page)
        {
            waiter.TrySetResult(AcquireResult.ForOffline(page));
        }
        else if (TryGiveWorker(waiter))
        {
            // Served at once: a worker came into rotation since the request looked.
        }
        else if (_waiters.Count >= _poolSettings.QueueLength)
        {
            LogQueueFull(_logger, _application.DisplayName, _poolSettings.QueueLength);
            waiter.TrySetResult(AcquireResult.ForQueueFull(_poolSettings.RefuseAtTcpLevel));
        }
        else
        {
            _waiters.Add(waiter);
            _active = true;
            EnsureWorkers();
        }
    }

    /// <summary>Hands the waiting requests to workers in rotation, round robin.</summary>
    private void ServeWaiters()
    {
        while (_waiters.Count > 0 && TryGiveWorker(_waiters[0]))
        {
            _waiters.RemoveAt(0);
        }
    }

    private bool TryGiveWorker(TaskCompletionSource<AcquireResult> waiter)
    {
        var inRotation = _members.Where(m => m.InRotation).ToList();
        for (var i = 0; i < inRotation.Count; i++)
        {
            var worker = inRotation[(int)(++_roundRobin % (uint)inRotation.Count)].Worker;
            if (worker.TryAcquire())
            {
                if (!waiter.TrySetResult(AcquireResult.ForWorker(worker)))
                {
                    worker.OnRequestEnd();
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>The answer for every request while the pool takes none, or null.</summary>
    private AcquireResult? Refusal() =>
        _shutDown ? AcquireResult.ForStopping()
        : _failed || _stoppedByOperator ? AcquireResult.ForUnavailable(_lastFailure, _poolSettings.RefuseAtTcpLevel)
        : null;

    private void FailWaiters(AcquireResult result)
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult(result);
        }

        _waiters.Clear();
    }
}
