using Eyrie.Configuration;

namespace Eyrie.Server.Hosting;

/// <summary>The configuration Eyrie runs: the one it started with, replaced by each accepted reload.</summary>
public sealed class ConfigurationSource(LoadedConfig initial)
{
    private volatile LoadedConfig _current = initial;

    public LoadedConfig Current
    {
        get => _current;
        internal set => _current = value;
    }
}
