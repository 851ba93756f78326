using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// A private copy of a published app in a temporary folder, so that a test can change its web.config or
/// drop app_offline.htm without touching any other test.
/// </summary>
internal sealed class TestApp : IDisposable
{
    private readonly TempDirectory _folder;

    private TestApp(TempDirectory folder)
    {
        _folder = folder;
    }

    public string Path => _folder.Path;

    /// <summary>Copies the published test backend, optionally with its own web.config.</summary>
    public static TestApp TestBackend(WebConfigBuilder? webConfig = null)
    {
        var app = new TestApp(new TempDirectory("app"));
        CopyFolder(TestAssets.TestBackend, app.Path);
        if (webConfig is not null)
        {
            app.WriteWebConfig(webConfig);
        }

        return app;
    }

    public void WriteWebConfig(WebConfigBuilder webConfig) => File.WriteAllText(Combine("web.config"), webConfig.Build());

    public string Combine(params string[] parts) => _folder.Combine(parts);

    public void Dispose() => _folder.Dispose();

    private static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(destination, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
