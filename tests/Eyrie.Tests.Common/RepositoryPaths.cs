namespace Eyrie.Tests.Common;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Eyrie.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Eyrie.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
