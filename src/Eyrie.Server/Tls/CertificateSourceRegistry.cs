using Eyrie.Configuration.Certificates;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Tls;

/// <summary>
/// The certificates in use, one <see cref="CertificateSource"/> per set of files, shared by every binding
/// naming them and kept across configuration reloads while still named.
/// </summary>
public sealed class CertificateSourceRegistry(TimeProvider time, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CertificateFiles, CertificateSource> _sources = [];

    public IReadOnlyCollection<CertificateSource> Sources
    {
        get
        {
            lock (_lock)
            {
                return [.. _sources.Values];
            }
        }
    }

    /// <exception cref="CertificateLoadException">A new certificate's files cannot be used.</exception>
    public CertificateSource GetOrCreate(CertificateFiles files)
    {
        lock (_lock)
        {
            if (!_sources.TryGetValue(files, out var source))
            {
                source = new CertificateSource(files, time, loggerFactory.CreateLogger<CertificateSource>());
                _sources.Add(files, source);
            }

            return source;
        }
    }

    /// <summary>Drops the certificates no longer named by the configuration.</summary>
    public void RetainOnly(IEnumerable<CertificateFiles> inUse)
    {
        var keep = inUse.ToHashSet();
        lock (_lock)
        {
            foreach (var files in _sources.Keys.Where(f => !keep.Contains(f)).ToList())
            {
                _sources[files].Dispose();
                _sources.Remove(files);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var source in _sources.Values)
            {
                source.Dispose();
            }

            _sources.Clear();
        }
    }
}
