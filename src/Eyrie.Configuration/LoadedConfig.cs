using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration;

/// <summary>
/// A validated configuration and what is needed to interpret it: the file it came from (relative paths
/// are relative to its folder), where each value was written, and the warnings found.
/// </summary>
public sealed class LoadedConfig(EyrieConfig config, string? filePath, string baseDirectory, ConfigSourceMap sourceMap, IReadOnlyList<ConfigDiagnostic> warnings)
{
    public EyrieConfig Config { get; } = config;

    /// <summary>The eyrie.json it was read from; null for a configuration made in code (<c>eyrie host</c>).</summary>
    public string? FilePath { get; } = filePath;

    public string BaseDirectory { get; } = baseDirectory;

    public ConfigSourceMap SourceMap { get; } = sourceMap;

    public IReadOnlyList<ConfigDiagnostic> Warnings { get; } = warnings;

    /// <summary>Resolves a path written in the configuration against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
