namespace Eyrie.Processes.Readiness;

/// <summary>Tells whether a worker process (or one of its children) listens on its port.</summary>
public interface IListenerProbe
{
    ValueTask<ListenerStatus> ProbeAsync(int processId, int port, CancellationToken cancellationToken);
}
