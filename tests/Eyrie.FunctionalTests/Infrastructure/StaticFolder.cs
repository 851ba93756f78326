using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>A folder for a virtual directory, with files written by the test.</summary>
internal sealed class StaticFolder : IDisposable
{
    private readonly TempDirectory _folder = new("static");

    public string Path => _folder.Path;

    /// <summary>A folder whose index.html says <paramref name="text"/>.</summary>
    public static StaticFolder WithIndex(string text)
    {
        var folder = new StaticFolder();
        folder.Write("index.html", text);
        return folder;
    }

    public string Write(string relativePath, string content) => _folder.Write(relativePath, content);

    public string WriteBytes(string relativePath, byte[] content)
    {
        var full = _folder.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Combine(params string[] parts) => _folder.Combine(parts);

    public void Dispose() => _folder.Dispose();
}
