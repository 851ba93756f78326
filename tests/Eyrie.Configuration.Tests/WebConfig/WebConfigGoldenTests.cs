using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.WebConfig;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.WebConfig;

/// <summary>
/// Golden files: for each web.config under Golden/, what Eyrie reads from its system.webServer sections and
/// every warning and error it gives, compared with <c>expected.txt</c>. Set EYRIE_UPDATE_GOLDEN=1 to rewrite
/// the expected files after an intended change, and review the diff.
/// </summary>
public sealed class WebConfigGoldenTests
{
    private static readonly string GoldenFolder = RepositoryPaths.Combine("tests", "Eyrie.Configuration.Tests", "WebConfig", "Golden");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static TheoryData<string> Cases() => [.. GoldenFile.Cases(GoldenFolder)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void WebConfig_ReadsAsExpected(string name)
    {
        var folder = Path.Combine(GoldenFolder, name);
        var diagnostics = new DiagnosticBag();
        var file = WebConfigReader.ReadFromFolder(folder, diagnostics);
        var actual = Describe(file, diagnostics).Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);

        GoldenFile.AssertMatches(Path.Combine(folder, "expected.txt"), actual);
    }

    private static string Describe(WebConfigFile? file, DiagnosticBag diagnostics)
    {
        var text = new StringBuilder();
        text.Append("# diagnostics\n");
        foreach (var diagnostic in diagnostics.Items)
        {
            text.Append(diagnostic.ToString().ReplaceLineEndings("\n")).Append('\n');
        }

        text.Append("\n# locations\n");
        foreach (var location in file?.Locations ?? [])
        {
            // The rewrite section stays XML for the server to compile; its rule names stand for it here.
            var rules = location.Rewrite?.Element.Element("rules")?.Elements("rule").Select(r => (string?)r.Attribute("name")).ToList();
            text.Append(JsonSerializer.Serialize(new { location = location with { Rewrite = null }, rewriteRules = rules }, Json).ReplaceLineEndings("\n")).Append('\n');
        }

        return text.ToString();
    }
}
