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
    public void RemovedLastSite_TakesItsLinesAndTheCommaBeforeIt()
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
                /* the blog is static */
              ]
            }

            """, edited.Text);
        Assert.Equal(0, edited.DroppedComments);
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
    public void ArrayEmptiedOfItsOnlyItem_BecomesBrackets_UnlessItHoldsAComment()
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
                  "virtualDirectories": [
                    // the docs folder
                  ]
                }
              ]
            }
            """, edited.Text);
        Assert.Equal(0, edited.DroppedComments);
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
    public void RemovedMiddleItem_OfAOneLineArray_RewritesThatArrayOnly()
    {
        var text = """
            {
              // kept
              "sites": [ { "name": "A", "bindings": [ "http/*:80:a", "http/*:81:a", "http/*:82:a" ] } ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        ConfigDocument.ArrayOf(document.Site("A"), "bindings").RemoveAt(1);

        var edited = document.ToText();

        Assert.Equal("""
            {
              // kept
              "sites": [ { "name": "A", "bindings": [
                "http/*:80:a",
                "http/*:82:a"
              ] } ]
            }
            """, edited.Text);
        Assert.Equal(0, edited.DroppedComments);
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
    public void ReplacedArray_CountsTheCommentsInsideIt()
    {
        var text = """
            {
              "sites": [
                {
                  "name": "A",
                  "bindings": [
                    "http/*:80:a" /* old port */
                  ]
                }
              ]
            }
            """;
        var document = ConfigDocument.Parse(text);
        document.Site("A")["bindings"] = new JsonArray("http/*:8080:a", "https/*:8443:a");

        var edited = document.ToText();

        Assert.Equal("""
            {
              "sites": [
                {
                  "name": "A",
                  "bindings": [
                    "http/*:8080:a",
                    "https/*:8443:a"
                  ]
                }
              ]
            }
            """, edited.Text);
        Assert.Equal(1, edited.DroppedComments);
    }

    [Theory]
    [InlineData("{\"sites\":[{\"name\":\"A\"}]}")]
    [InlineData("\uFEFF{ \"sites\": [\n  { \"name\": \"A\" }\n] }\n")]
    [InlineData("{\n  \"sites\": [\n    { \"name\": \"A\" },\n    { \"name\": \"B\" }, // b\n  ], // sites\n}")]
    public void EveryEdit_ParsesBackToTheEditedTree(string text)
    {
        var edits = new Action<ConfigDocument>[]
        {
            d => d.Sites.Add(new JsonObject { ["name"] = "New" }),
            d => d.Sites.Remove(d.Site("A")),
            d => d.Site("A")["name"] = "Renamed",
            d => d.Site("A")["bindings"] = new JsonArray("http/*:80:"),
            d => d.Root.Remove("sites"),
            d => d.Root["admin"] = new JsonObject { ["socket"] = "/tmp/e.sock" },
        };
        foreach (var edit in edits)
        {
            var document = ConfigDocument.Parse(text);
            edit(document);

            var edited = document.ToText();

            Assert.True(JsonNode.DeepEquals(document.Root, ConfigDocument.Parse(edited.Text).Root), edited.Text);
            Assert.Equal(text.StartsWith('\uFEFF'), edited.Text.StartsWith('\uFEFF'));
        }
    }
}
