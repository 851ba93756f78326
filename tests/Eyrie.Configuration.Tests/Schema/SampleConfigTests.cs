using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Schema;

/// <summary>The configuration files (eyrie*.json) shipped in samples/ and docs/ stay in step with what Eyrie accepts.</summary>
public sealed class SampleConfigTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "samples", "docs" })
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine(folder), "eyrie*.json", SearchOption.AllDirectories))
            {
                data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedConfig_BindsWithoutAnyDiagnostic(string file)
    {
        var diagnostics = new DiagnosticBag();
        var root = JsonSourceParser.Parse(File.ReadAllBytes(RepositoryPaths.Combine(file)), file, diagnostics);
        var config = new ConfigBinder(diagnostics, new ConfigSourceMap()).BindRoot<EyrieConfig>(root!);

        Assert.Empty(diagnostics.Items);
        Assert.NotEmpty(config!.Sites);
    }
}
