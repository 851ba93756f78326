using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>The Eyrie of <see cref="RequestFilteringTests"/>: request filtering set at every level, with IIS's names.</summary>
public sealed class RequestFilteringFixture : EyrieFixture
{
    private protected override WebConfigBuilder WebConfig() => new WebConfigBuilder()
        .WebServer("""
            <security>
              <requestFiltering>
                <fileExtensions><add fileExtension=".bak" allowed="false" /></fileExtensions>
              </requestFiltering>
            </security>
            """)
        .Location("admin", """
            <security>
              <requestFiltering>
                <verbs><add verb="POST" allowed="false" /></verbs>
              </requestFiltering>
            </security>
            """);

    protected override string Configuration(string appPath) => $$"""
        {
          "sites": [
            {
              "name": "Filtered",
              "bindings": [ { "protocol": "http", "port": 0 } ],
              "limits": { "maxUrlSegments": 6 },
              "requestFiltering": {
                "removeServerHeader": true,
                "hiddenSegments": { "add": [ { "segment": "private" } ] }
              },
              "applications": [
                {
                  "path": "/",
                  "physicalPath": "{{appPath}}",
                  "requestFiltering": {
                    "allowHighBitCharacters": false,
                    "verbs": { "add": [ { "verb": "TRACE", "allowed": false } ] },
                    "fileExtensions": { "add": [ { "fileExtension": ".exe", "allowed": false } ] },
                    "denyUrlSequences": { "add": [ { "sequence": "evil" } ] },
                    "alwaysAllowedUrls": { "add": [ { "url": "/echo/evil" } ] },
                    "denyQueryStringSequences": { "add": [ { "sequence": "<script" } ] },
                    "alwaysAllowedQueryStrings": { "add": [ { "queryString": "q=%3Cscript%3Eok" } ] },
                    "requestLimits": {
                      "maxAllowedContentLength": 1000,
                      "maxUrl": 100,
                      "maxQueryString": 50,
                      "headerLimits": { "add": [ { "header": "X-Big", "sizeLimit": 10 } ] }
                    },
                    "filteringRules": {
                      "add": [
                        {
                          "name": "scanners",
                          "scanHeaders": { "add": [ { "requestHeader": "User-Agent" } ] },
                          "denyStrings": { "add": [ { "string": "sqlmap" } ] }
                        },
                        {
                          "name": "php-eval",
                          "scanQueryString": true,
                          "appliesTo": { "add": [ { "fileExtension": ".php" } ] },
                          "denyStrings": { "add": [ { "string": "eval(" } ] }
                        }
                      ]
                    }
                  }
                }
              ]
            }
          ]
        }
        """;
}
