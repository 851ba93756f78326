using System.Text.Json.Nodes;
using Eyrie.Admin;

namespace Eyrie.Tests.Admin;

/// <summary>
/// CLI edits of eyrie.json are written into the file's own text: comments, layout, indentation and line endings
/// stay wherever nothing changed, and only comments inside a rewritten part are lost (and counted).
/// </summary>
public sealed class ConfigDocumentTests
{
    private const string Commented = """
        {
          // Production sites. Ask ops before changing ports.
          "sites": [
            {
              "name": "Shop", // the storefront
              "bindings": [ "http/*:80:shop.example" ],
              "applications": [
                { "path": "/", "physicalPath": "/srv/shop" }
              ]
            },
            /* the blog is static */
            {
              "name": "Blog",
              "bindings": [ "http/*:80:blog.example" ]
            }
          ]
        }

        """;

    [Fact]
    public void AddedSite_GoesOnNewLinesBeforeTheClosingBracket_AndEveryCommentStays()
    {
        var document = ConfigDocument.Parse(Commented);
        document.Sites.Add(new JsonObject { ["name"] = "Docs", ["bindings"] = new JsonArray("http/*:80:docs.example") });

        var edited = document.ToText();

        Assert.Equal("""
            {
              // Production sites. Ask ops before changing ports.
              "sites": [
                {
                  "name": "Shop", // the storefront
                  "bindings": [ "http/*:80:shop.example" ],
                  "applications": [
                    { "path": "/", "physicalPath": "/srv/shop" }
                  ]
                },
                /* the blog is static */
                {
                  "name": "Blog",
                  "bindings": [ "http/*:80:blog.example" ]
                },
                {
                  "name": "Docs",
                  "bindings": [
                    "http/*:80:docs.example"
                  ]
                }
              ]
            }

            """, edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void RemovedLastSite_TakesItsLinesTheCommentAboveAndTheCommaBeforeIt()
    {
        var document = ConfigDocument.Parse(Commented);
        document.Sites.Remove(document.Site("blog"));

        var edited = document.ToText();

        Assert.Equal("""
            {
              // Production sites. Ask ops before changing ports.
              "sites": [
                {
                  "name": "Shop", // the storefront
                  "bindings": [ "http/*:80:shop.example" ],
                  "applications": [
                    { "path": "/", "physicalPath": "/srv/shop" }
                  ]
                }
              ]
            }

            """, edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Fact]
    public void RemovedFirstSite_LeavesTheOthersUntouched()
    {
        var document = ConfigDocument.Parse(Commented);
        document.Sites.Remove(document.Site("Shop"));

        var edited = document.ToText();

        Assert.Equal("""
            {
              // Production sites. Ask ops before changing ports.
              "sites": [
                /* the blog is static */
                {
                  "name": "Blog",
                  "bindings": [ "http/*:80:blog.example" ]
                }
              ]
            }

            """, edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Fact]
    public void ArrayEmptiedOfItsOnlyItem_BecomesBrackets()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "A",
                  "applications": [
                    { "path": "/api", "physicalPath": "/srv/api" }
                  ],
                  "virtualDirectories": [
                    // the docs folder
                    { "path": "/docs", "physicalPath": "/srv/docs" }
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(document.Site("A"), "applications").Clear();
        ConfigDocument.ArrayOf(document.Site("A"), "virtualDirectories").Clear();

        var edited = document.ToText();

        Assert.Equal("""
            {
              "sites": [
                {
                  "name": "A",
                  "applications": [],
                  "virtualDirectories": []
                }
              ]
            }
            """, edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Fact]
    public void ChangedValue_IsRewrittenInPlace_KeepingTheCommentOnItsLine()
    {
        var document = ConfigDocument.Parse(Commented);
        document.Site("Shop")["name"] = "Boutique";

        var edited = document.ToText();

        Assert.Equal(Commented.Replace("\"Shop\", // the storefront", "\"Boutique\", // the storefront", StringComparison.Ordinal), edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void PropertyAddedAndRemoved_InOneObject_KeepsTheOthersAndTheirCommas()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "Api",
                  "applications": [
                    {
                      "path": "/",
                      "webFarm": "api-farm", // behind the load balancer
                      "startupTimeLimit": 60
                    }
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        var application = ConfigDocument.FindByPath(ConfigDocument.ArrayOf(document.Site("Api"), "applications"), "/")!;
        application.Remove("webFarm");
        application["physicalPath"] = "/srv/api";

        var edited = document.ToText();

        Assert.Equal("""
            {
              "sites": [
                {
                  "name": "Api",
                  "applications": [
                    {
                      "path": "/",
                      "startupTimeLimit": 60,
                      "physicalPath": "/srv/api"
                    }
                  ]
                }
              ]
            }
            """, edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Fact]
    public void RemovedItems_OfAOneLineArray_AreCutOnThatLine()
    {
        var text = """
            {
              // kept
              "sites": [ { "name": "A", "bindings": [ "http/*:80:a", "http/*:81:a", "http/*:82:a" ] } ]
            }
            """;
        var middle = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(middle.Site("A"), "bindings").RemoveAt(1);
        var last = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(last.Site("A"), "bindings").RemoveAt(2);
        var first = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(first.Site("A"), "bindings").RemoveAt(0);

        Assert.Equal(text.Replace("\"http/*:81:a\", ", "", StringComparison.Ordinal), middle.ToText().Text);
        Assert.Equal(text.Replace(", \"http/*:82:a\"", "", StringComparison.Ordinal), last.ToText().Text);
        Assert.Equal(text.Replace("\"http/*:80:a\", ", "", StringComparison.Ordinal), first.ToText().Text);
    }

    [Fact]
    public void AddedItem_FollowsTheFilesTabsLineEndingsAndTrailingCommas()
    {
        var text = "/*\r\n * Tabs, CRLF.\r\n */\r\n{\r\n\t\"sites\": [\r\n\t\t{ \"name\": \"A\" }, // first\r\n\t],\r\n}\r\n";
        var document = ConfigDocument.Parse(text);
        document.Sites.Add(new JsonObject { ["name"] = "B", ["bindings"] = new JsonArray("http/*:80:b") });

        var edited = document.ToText();

        Assert.Equal(
            "/*\r\n * Tabs, CRLF.\r\n */\r\n{\r\n\t\"sites\": [\r\n\t\t{ \"name\": \"A\" }, // first\r\n" +
            "\t\t{\r\n\t\t\t\"name\": \"B\",\r\n\t\t\t\"bindings\": [\r\n\t\t\t\t\"http/*:80:b\"\r\n\t\t\t]\r\n\t\t},\r\n" +
            "\t],\r\n}\r\n",
            edited.Text);
    }

    [Fact]
    public void ArrayWhoseBracketsShareALine_IsWrittenWhole_AndAnEmptyOneGetsItsFirstItem()
    {
        var text = """
            {
              "sites": [],  // none yet
              "admin": { "socket": "/run/eyrie.sock" }
            }
            """;
        var document = ConfigDocument.Parse(text);
        document.Sites.Add(new JsonObject { ["name"] = "A" });

        var edited = document.ToText();

        Assert.Equal("""
            {
              "sites": [
                {
                  "name": "A"
                }
              ],  // none yet
              "admin": { "socket": "/run/eyrie.sock" }
            }
            """, edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void EmptiedOneLineArray_HoldingAComment_IsWrittenAgain_AndTheCommentCounted()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "A",
                  "bindings": [ "http/*:80:a" /* old port */ ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(document.Site("A"), "bindings").Clear();

        var edited = document.ToText();

        Assert.Equal(text.Replace("[ \"http/*:80:a\" /* old port */ ]", "[]", StringComparison.Ordinal), edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Fact]
    public void OneLineBinding_ChangedAsBindingSetDoes_KeepsItsLine()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "Demo", // the demo
                  "bindings": [
                    { "protocol": "http", "address": "*", "port": 8080 }
                  ],
                  "applications": [
                    { "path": "/", "physicalPath": "/srv/demo" }
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        var binding = (JsonObject)ConfigDocument.ArrayOf(document.Site("Demo"), "bindings")[0]!;
        foreach (var (name, value) in BindingNotation.Parse("http/*:9090:").ToList())
        {
            binding[name] = value?.DeepClone();
        }

        var application = (JsonObject)ConfigDocument.ArrayOf(document.Site("Demo"), "applications")[0]!;
        application.Remove("physicalPath");
        application["webFarm"] = "demo-farm";

        var edited = document.ToText();

        Assert.Equal(
            text.Replace("\"port\": 8080", "\"port\": 9090", StringComparison.Ordinal)
                .Replace("\"path\": \"/\", \"physicalPath\": \"/srv/demo\"", "\"path\": \"/\", \"webFarm\": \"demo-farm\"", StringComparison.Ordinal),
            edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void NamesWrittenInAnotherCase_AreMatchedIgnoringCase_AndKeepTheirSpelling()
    {
        var text = """
            {
              "Sites": [
                {
                  "Name": "A",
                  "Bindings": [
                    {
                      "Protocol": "http", // plain
                      "Port": 80
                    }
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        document.Site("A")["bindings"] = new JsonArray(BindingNotation.Parse("http/*:81:"));

        var edited = document.ToText();

        Assert.Equal(text.Replace("\"Port\": 80", "\"Port\": 81,\n          \"address\": \"*\"", StringComparison.Ordinal), edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void ChangedItemsAndAnExtraOne_AreChangedInPlaceAndAppended()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "Café ☕ \u00e9", // not ASCII: offsets are in UTF-8 bytes
                  "bindings": [
                    "http/*:80:a" // the old port
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        document.Site("Café ☕ é")["bindings"] = new JsonArray("http/*:8080:a", "https/*:8443:a");

        var edited = document.ToText();

        Assert.Equal(text.Replace("\"http/*:80:a\" // the old port", "\"http/*:8080:a\", // the old port\n        \"https/*:8443:a\"", StringComparison.Ordinal), edited.Text);
        Assert.Equal(0, edited.DroppedComments);
    }

    [Fact]
    public void RemovedMember_InACrLfFile_TakesItsCommentLinesAndKeepsTheLineEndings()
    {
        var text = "{\r\n  \"sites\": [\r\n    { \"name\": \"A\" },\r\n    // B is retired soon\r\n    /* ask ops */\r\n    { \"name\": \"B\" },\r\n    { \"name\": \"C\" }\r\n  ]\r\n}\r\n";
        var document = ConfigDocument.Parse(text);
        document.Sites.Remove(document.Site("B"));

        var edited = document.ToText();

        Assert.Equal("{\r\n  \"sites\": [\r\n    { \"name\": \"A\" },\r\n    { \"name\": \"C\" }\r\n  ]\r\n}\r\n", edited.Text);
        Assert.Equal(2, edited.DroppedComments);
    }

    [Theory]
    [InlineData("{\"sites\":[{\"name\":\"A\"}]}")]
    [InlineData("\uFEFF{ \"sites\": [\n  { \"name\": \"A\" }\n] }\n")]
    [InlineData("{\n  \"sites\": [\n    { \"name\": \"A\" },\n    { \"name\": \"B\" }, // b\n  ], // sites\n}")]
    public void EveryEdit_ParsesBackToTheEditedTree(string text)
    {
        // Only removing "sites" itself may take comments (those inside it).
        var edits = new (Action<ConfigDocument> Edit, bool MayDropComments)[]
        {
            (d => d.Sites.Add(new JsonObject { ["name"] = "New" }), false),
            (d => d.Sites.Remove(d.Site("A")), false),
            (d => d.Site("A")["name"] = "Renamed", false),
            (d => d.Site("A")["bindings"] = new JsonArray("http/*:80:"), false),
            (d => d.Root.Remove("sites"), true),
            (d => d.Root["admin"] = new JsonObject { ["socket"] = "/tmp/e.sock" }, false),
        };
        foreach (var (edit, mayDropComments) in edits)
        {
            var document = ConfigDocument.Parse(text);
            edit(document);

            var edited = document.ToText();

            Assert.True(JsonNode.DeepEquals(document.Root, ConfigDocument.Parse(edited.Text).Root), edited.Text);
            Assert.Equal(text.StartsWith('\uFEFF'), edited.Text.StartsWith('\uFEFF'));
            Assert.True(mayDropComments || edited.DroppedComments == 0, edited.Text);
        }
    }
}
