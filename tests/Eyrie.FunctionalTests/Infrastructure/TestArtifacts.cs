namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Files a test leaves for people to look at (the dashboard tests' screenshots): under EYRIE_TEST_ARTIFACTS
/// (.ci/run points it at the clone's artifacts/ folder), else ./artifacts beside the test binaries; each is
/// also attached to the test's result.
/// </summary>
internal static class TestArtifacts
{
    public static string Folder => Path.GetFullPath(
        Environment.GetEnvironmentVariable("EYRIE_TEST_ARTIFACTS") is { Length: > 0 } folder ? folder : "artifacts");

    /// <summary>Writes <paramref name="relativePath"/> under <see cref="Folder"/> and returns its full path.</summary>
    public static string Save(string relativePath, byte[] content, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        TestContext.Current.AddAttachment(Path.GetFileName(relativePath), content, mediaType);
        return path;
    }
}
