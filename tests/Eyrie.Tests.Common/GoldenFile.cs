using Xunit;

namespace Eyrie.Tests.Common;

/// <summary>
/// Golden-file tests: each case is a folder of inputs and expected outputs in the source tree. Set
/// EYRIE_UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, then review the diff.
/// </summary>
public static class GoldenFile
{
    public static bool Updating => Environment.GetEnvironmentVariable("EYRIE_UPDATE_GOLDEN") == "1";

    /// <summary>The case folder names under <paramref name="root"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Cases(string root) =>
        [.. Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Asserts that <paramref name="actual"/> is the expected file's text (written first when updating).</summary>
    public static void AssertMatches(string expectedPath, string actual)
    {
        if (Updating)
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run with EYRIE_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }
}
