using System.Text;
using System.Text.Json;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Json;

namespace Eyrie.Configuration.Tests.Json;

public sealed class JsonSourceParserTests
{
    private static JsonSourceNode? Parse(string text, DiagnosticBag diagnostics) =>
        JsonSourceParser.Parse(Encoding.UTF8.GetBytes(text), "/cfg/eyrie.json", diagnostics);

    [Fact]
    public void Parse_ValidDocument_RecordsLineAndColumnOfEveryNode()
    {
        var diagnostics = new DiagnosticBag();
        var root = Parse("{\n  \"sites\": [\n    { \"name\": \"a\" }\n  ]\n}", diagnostics);

        var obj = Assert.IsType<JsonSourceObject>(root);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(new SourceLocation("/cfg/eyrie.json", 1, 1), obj.Location);
        var sites = obj.Properties[0];
        Assert.Equal(new SourceLocation("/cfg/eyrie.json", 2, 3), sites.NameLocation);
        var site = Assert.IsType<JsonSourceObject>(Assert.IsType<JsonSourceArray>(sites.Value).Items[0]);
        Assert.Equal(3, site.Location.Line);
        Assert.Equal(5, site.Location.Column);
        var name = Assert.IsType<JsonSourceValue>(site.Properties[0].Value);
        Assert.Equal((JsonValueKind.String, "a", 3, 15), (name.Kind, name.Text, name.Location.Line, name.Location.Column));
    }

    [Fact]
    public void Parse_ColumnsCountCharactersNotBytes()
    {
        var diagnostics = new DiagnosticBag();
        var root = Assert.IsType<JsonSourceObject>(Parse("{\"é\": 1, \"x\": 2}", diagnostics));

        // "é" is two bytes in UTF-8; the column of "x" must still count it as one character.
        Assert.Equal(10, root.Properties[1].NameLocation.Column);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var diagnostics = new DiagnosticBag();
        var root = Parse("// sites\n{ \"a\": [1, 2,], /* b */ \"b\": true, }", diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(2, Assert.IsType<JsonSourceObject>(root).Properties.Count);
    }

    [Fact]
    public void Parse_NumbersKeepTheirExactText()
    {
        var diagnostics = new DiagnosticBag();
        var root = Assert.IsType<JsonSourceObject>(Parse("{\"n\": 30000000000, \"d\": 1.50}", diagnostics));

        Assert.Equal("30000000000", ((JsonSourceValue)root.Properties[0].Value).Text);
        Assert.Equal("1.50", ((JsonSourceValue)root.Properties[1].Value).Text);
    }

    [Theory]
    [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", 3, "invalid JSON")]
    [InlineData("{\n  \"a\": }", 2, "invalid JSON")]
    [InlineData("", 1, "empty")]
    [InlineData("{} {}", 1, "invalid after a single JSON value")]
    [InlineData(" \n ", 1, "empty")]
    public void Parse_SyntaxError_ReportsLineAndReason(string text, int line, string reason)
    {
        var diagnostics = new DiagnosticBag();

        var root = Parse(text, diagnostics);

        Assert.Null(root);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsSkipped()
    {
        var diagnostics = new DiagnosticBag();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"a\": 1}")).ToArray();

        var root = JsonSourceParser.Parse(bytes, "f.json", diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(1, Assert.IsType<JsonSourceObject>(root).Properties[0].NameLocation.Line);
    }
}
