using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Validation;

namespace Eyrie.Configuration;

/// <summary>
/// Reads and validates eyrie.json, or validates a configuration built in code. A load either yields a
/// <see cref="LoadedConfig"/> or fails whole with every error listed: nothing is half-applied.
/// </summary>
public static class EyrieConfigLoader
{
    public const string DefaultFileName = "eyrie.json";

    /// <summary>Loads <paramref name="path"/>; throws <see cref="ConfigurationException"/> listing every error.</summary>
    public static LoadedConfig Load(string path, TimeProvider? time = null)
    {
        var result = TryLoad(path, time);
        return result.Config ?? throw new ConfigurationException(result.Diagnostics);
    }

    public static ConfigLoadResult TryLoad(string path, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        var diagnostics = new DiagnosticBag();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(SourceLocation.InFile(fullPath), "", ex is FileNotFoundException or DirectoryNotFoundException
                ? "configuration file not found"
                : "cannot read the configuration file: " + ex.Message);
            return new ConfigLoadResult(null, diagnostics.Items);
        }

        return Parse(bytes, fullPath, diagnostics, time);
    }

    /// <summary>Validates configuration text as if it were the file <paramref name="fullPath"/> (used by admin API writes).</summary>
    public static ConfigLoadResult Parse(byte[] utf8, string fullPath, DiagnosticBag? diagnostics = null, TimeProvider? time = null)
    {
        diagnostics ??= new DiagnosticBag();
        var root = JsonSourceParser.Parse(utf8, fullPath, diagnostics);
        if (root is null)
        {
            return new ConfigLoadResult(null, diagnostics.Items);
        }

        var map = new ConfigSourceMap();
        var config = new ConfigBinder(diagnostics, map).BindRoot<EyrieConfig>(root);
        if (config is null)
        {
            return new ConfigLoadResult(null, diagnostics.Items);
        }

        return Validate(config, fullPath, Path.GetDirectoryName(fullPath)!, map, diagnostics, time);
    }

    /// <summary>Validates a configuration built in code; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static ConfigLoadResult FromConfig(EyrieConfig config, string baseDirectory, TimeProvider? time = null) =>
        Validate(config, null, Path.GetFullPath(baseDirectory), new ConfigSourceMap(), new DiagnosticBag(), time);

    private static ConfigLoadResult Validate(EyrieConfig config, string? filePath, string baseDirectory, ConfigSourceMap map, DiagnosticBag diagnostics, TimeProvider? time)
    {
        new ConfigValidator(map, baseDirectory, diagnostics, time ?? TimeProvider.System).Validate(config);
        if (diagnostics.HasErrors)
        {
            return new ConfigLoadResult(null, diagnostics.Items);
        }

        var warnings = diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        return new ConfigLoadResult(new LoadedConfig(config, filePath, baseDirectory, map, warnings), diagnostics.Items);
    }
}
