using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eyrie.Processes.Launching;

/// <summary>
/// Starts every worker process from one long-lived thread.
/// </summary>
/// <remarks>
/// On Linux a worker is launched under <c>setpriv --pdeathsig KILL</c> so that it dies if Eyrie is killed.
/// The kernel ties that parent-death signal to the <em>thread</em> that forked the child, not to the
/// process: a child forked from a thread-pool thread is killed as soon as that thread retires
/// (verified on this platform). So all forks happen here, on a thread that lives as long as Eyrie.
/// This is the one place where a dedicated thread is the right tool.
/// </remarks>
public sealed class ProcessSpawner : IDisposable
{
    private readonly BlockingCollection<SpawnRequest> _requests = new();
    private readonly Thread _thread;

    public ProcessSpawner()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Eyrie worker spawner" };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="startInfo"/> on the spawner thread.</summary>
    public Task<Process> StartAsync(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var request = new SpawnRequest(startInfo, new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            _requests.Add(request);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(ProcessSpawner));
        }

        return request.Completion.Task;
    }

    /// <summary>
    /// Ends the spawner thread. Call it only after every worker has been stopped: any child still
    /// alive then receives its parent-death signal, which is what should happen to a straggler.
    /// </summary>
    public void Dispose()
    {
        _requests.CompleteAdding();
        _thread.Join();
        _requests.Dispose();
    }

    private void Run()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(request.StartInfo) ?? throw new InvalidOperationException("The process did not start.");
                request.Completion.SetResult(process);
            }
            catch (Exception ex)
            {
                // Handed to the caller, which owns the failure (a start failure of that worker).
                request.Completion.SetException(ex);
            }
        }
    }

    private sealed record SpawnRequest(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Completion);
}
