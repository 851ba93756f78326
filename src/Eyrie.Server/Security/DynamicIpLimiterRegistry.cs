using Eyrie.Configuration.Model.Security;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Security;

/// <summary>
/// The dynamic IP limiters in use, one per level that configures <c>dynamicIpSecurity</c> (a site, an
/// application, a web.config location). A reload keeps a limiter, and what it has counted, while its
/// settings are unchanged. Every limiter created is tracked until it is retired, including one replaced by a
/// reload that then failed, so that none is left with its sweep timer running.
/// </summary>
public sealed class DynamicIpLimiterRegistry(TimeProvider time, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DynamicIpLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly HashSet<DynamicIpLimiter> _created = [];

    public DynamicIpLimiter GetOrCreate(string scope, DynamicIpSecurityConfig settings)
    {
        lock (_lock)
        {
            if (_limiters.TryGetValue(scope, out var existing) && existing.Settings == settings)
            {
                return existing;
            }

            var limiter = new DynamicIpLimiter(settings, time, loggerFactory.CreateLogger<DynamicIpLimiter>());
            _limiters[scope] = limiter;
            _created.Add(limiter);
            return limiter;
        }
    }

    /// <summary>Stops the limiters no longer in use.</summary>
    public void RetainOnly(IReadOnlySet<DynamicIpLimiter> inUse)
    {
        ArgumentNullException.ThrowIfNull(inUse);
        lock (_lock)
        {
            foreach (var limiter in _created.Where(l => !inUse.Contains(l)).ToList())
            {
                limiter.Dispose();
                _created.Remove(limiter);
            }

            foreach (var scope in _limiters.Where(l => !_created.Contains(l.Value)).Select(l => l.Key).ToList())
            {
                _limiters.Remove(scope);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var limiter in _created)
            {
                limiter.Dispose();
            }

            _created.Clear();
            _limiters.Clear();
        }
    }
}
