using System.Xml.Linq;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Import;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Import;

/// <summary>
/// Each folder of Import/Golden holds an applicationHost.config, its --path-map arguments (path-map.txt) and the
/// expected eyrie.json and report.txt, read from the source tree. EYRIE_UPDATE_GOLDEN=1 rewrites the expected files.
/// </summary>
public sealed class GoldenImportTests
{
    private const string InputName = "applicationHost.config";

    private static readonly string GoldenRoot = RepositoryPaths.Combine("tests", "Eyrie.Configuration.Tests", "Import", "Golden");

    public static TheoryData<string> Cases() => [.. GoldenFile.Cases(GoldenRoot)];

    [Fact]
    public void GoldenCases_AreThere()
    {
        Assert.True(Cases().Count >= 4, "the golden cases were not found under " + GoldenRoot);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_MatchesGoldenFiles(string name)
    {
        var folder = Path.Combine(GoldenRoot, name);
        var result = Import(folder, ReadPathMaps(folder));
        var json = result.ToJson();
        var report = result.FormatReport(InputName);

        GoldenFile.AssertMatches(Path.Combine(folder, "eyrie.json"), json);
        GoldenFile.AssertMatches(Path.Combine(folder, "report.txt"), report);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_WritesJsonTheBinderAcceptsWithoutAnyDiagnostic(string name)
    {
        var json = Import(Path.Combine(GoldenRoot, name), ReadPathMaps(Path.Combine(GoldenRoot, name))).ToJson();

        var diagnostics = new DiagnosticBag();
        var root = JsonSourceParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), "eyrie.json", diagnostics);
        var config = new ConfigBinder(diagnostics, new ConfigSourceMap()).BindRoot<EyrieConfig>(root!);

        Assert.Empty(diagnostics.Items);
        Assert.NotEmpty(config!.Sites);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_ReportLinesFollowTheInputAndNeverShowAPassword(string name)
    {
        var folder = Path.Combine(GoldenRoot, name);
        var document = IisConfigImporter.Load(Path.Combine(folder, InputName));
        var result = Import(folder, ReadPathMaps(folder));
        var output = result.ToJson() + result.FormatReport(InputName);

        foreach (var password in document.Descendants().Attributes().Where(a => a.Name.LocalName.Contains("password", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.DoesNotContain(password.Value, output, StringComparison.Ordinal);
        }

        // Every report line names a line of the input, in order.
        var lines = result.Report.Select(e => e.Line).ToList();
        Assert.All(lines, l => Assert.InRange(l, 1, File.ReadAllLines(Path.Combine(folder, InputName)).Length));
        Assert.Equal(lines.Order(), lines);
    }

    /// <summary>
    /// The output of every case loads through the real loader once its folders exist: a relative --path-map for
    /// every drive and share, a minimal ASP.NET Core web.config in each application folder, and a test certificate at
    /// each placeholder path.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_WithRelativePathMaps_LoadsThroughEyrieConfigLoader(string name)
    {
        using var dir = new TempDirectory("import");
        var folder = Path.Combine(GoldenRoot, name);
        var maps = new List<PathMapEntry>
        {
            new(@"C:\", "drive-c"),
            new(@"D:\", "drive-d"),
            new(@"E:\", "drive-e"),
            new(@"\\fileserver", "unc/fileserver"),
            new("%ReportsRoot%", "reports"),
        };
        var result = Import(folder, maps);
        foreach (var site in result.Config.Sites)
        {
            foreach (var application in site.Applications)
            {
                Assert.False(Path.IsPathRooted(application.PhysicalPath), application.PhysicalPath);
                dir.Write(Path.Combine(application.PhysicalPath!, "web.config"), WebConfig);
            }

            foreach (var directory in site.VirtualDirectories)
            {
                dir.CreateFolder(directory.PhysicalPath);
            }

            foreach (var binding in site.Bindings.Where(b => b.Certificate is not null))
            {
                using var certificate = TestCertificates.Create("CN=" + (binding.Host.Length > 0 ? binding.Host : "localhost"), binding.Host.Length > 0 ? binding.Host : "localhost");
                var file = dir.Combine(binding.Certificate!.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                TestCertificates.WritePfx(certificate, Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file), null);
            }
        }

        var loaded = EyrieConfigLoader.TryLoad(dir.Write("eyrie.json", result.ToJson()));

        Assert.Empty(loaded.Errors);
        Assert.Equal(result.Config.Sites.Count, loaded.Config!.Config.Sites.Count);
    }

    private const string WebConfig = """
        <configuration><location path="." inheritInChildApplications="false"><system.webServer>
          <handlers><add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" /></handlers>
          <aspNetCore processPath="dotnet" arguments=".\App.dll" hostingModel="inprocess" />
        </system.webServer></location></configuration>
        """;

    private static IisImportResult Import(string folder, IReadOnlyList<PathMapEntry> maps) =>
        IisConfigImporter.Import(IisConfigImporter.Load(Path.Combine(folder, InputName)), InputName, new IisImportOptions { PathMaps = maps });

    private static List<PathMapEntry> ReadPathMaps(string folder)
    {
        var file = Path.Combine(folder, "path-map.txt");
        return !File.Exists(file)
            ? []
            : [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => PathMapEntry.TryParse(l, out var entry, out _) ? entry! : throw new InvalidDataException(l))];
    }
}
