namespace Eyrie.Processes.Output;

/// <summary>
/// Where each line a worker writes goes besides its tail and its stdout log file: the live log that the
/// admin API tails. One subscriber (the server's log hub); lines are published from the output pumps.
/// </summary>
public sealed class WorkerOutputFeed
{
    private volatile Action<WorkerOutputLine>? _subscriber;

    public bool HasSubscriber => _subscriber is not null;

    public void Subscribe(Action<WorkerOutputLine> subscriber) => _subscriber = subscriber;

    internal void Publish(WorkerOutputLine line) => _subscriber?.Invoke(line);
}
