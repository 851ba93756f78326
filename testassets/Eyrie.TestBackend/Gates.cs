using System.Collections.Concurrent;

namespace Eyrie.TestBackend;

/// <summary>Named gates: /wait/{name} requests are held until /release/{name} opens the gate; /waiting/{name} counts them.</summary>
internal sealed class Gates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _opened = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);

    public async Task WaitAsync(string name, CancellationToken cancellationToken)
    {
        _waiting.AddOrUpdate(name, 1, (_, count) => count + 1);
        try
        {
            await Opened(name).Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _waiting.AddOrUpdate(name, 0, (_, count) => count - 1);
        }
    }

    public void Release(string name) => Opened(name).TrySetResult();

    public int Waiting(string name) => _waiting.GetValueOrDefault(name);

    private TaskCompletionSource Opened(string name) =>
        _opened.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
