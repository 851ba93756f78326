using System.Collections.Concurrent;

namespace Eyrie.TestBackend;

/// <summary>Every request this backend received, as it ended: what tests check to prove nothing smuggled or oversized got through.</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public IReadOnlyCollection<RequestLogEntry> Entries => _entries;

    public void Add(RequestLogEntry entry) => _entries.Enqueue(entry);
}
