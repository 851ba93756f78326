namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>eyrie.json files for tests that run the real `eyrie` program.</summary>
internal static class ConfigFiles
{
    public static string SingleApplication(string physicalPath, int port = 0, string path = "/") => $$"""
        {
          "sites": [
            {
              "name": "Test",
              "bindings": [ { "protocol": "http", "address": "*", "port": {{port}} } ],
              "applications": [ { "path": "{{path}}", "physicalPath": "{{physicalPath}}" } ]
            }
          ]
        }
        """;

    /// <summary>One application that accepts bodies up to IIS's largest <c>maxAllowedContentLength</c> (4 GiB - 1).</summary>
    public static string SingleApplicationWithoutBodyLimit(string physicalPath) => $$"""
        {
          "sites": [
            {
              "name": "Test",
              "bindings": [ { "protocol": "http", "address": "*", "port": 0 } ],
              "applications": [
                {
                  "path": "/",
                  "physicalPath": "{{physicalPath}}",
                  "requestFiltering": { "requestLimits": { "maxAllowedContentLength": 4294967295 } }
                }
              ]
            }
          ]
        }
        """;
}
