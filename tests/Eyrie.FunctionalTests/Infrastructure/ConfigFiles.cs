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
}
