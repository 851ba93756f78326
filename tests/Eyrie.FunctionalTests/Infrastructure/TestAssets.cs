using System.Reflection;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>Where the built test assets are.</summary>
internal static class TestAssets
{
    /// <summary>The published test backend (testassets/Eyrie.TestBackend), as `dotnet publish` wrote it.</summary>
    public static string TestBackend { get; } = Path.Combine(AppContext.BaseDirectory, "testassets", "Eyrie.TestBackend");

    /// <summary>The built `eyrie` program (eyrie.dll), run with the dotnet host.</summary>
    public static string EyrieCli { get; } = typeof(TestAssets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "EyrieCli").Value!;
}
