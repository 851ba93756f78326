using System.Text.Json.Nodes;
using Eyrie.Configuration.Schema;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Schema;

public sealed class ConfigSchemaTests
{
    private static readonly string CommittedPath = RepositoryPaths.Combine("src", "Eyrie.Configuration", "Schema", "eyrie.schema.json");

    [Fact]
    public void CommittedSchema_IsWhatTheGeneratorWrites()
    {
        var committed = File.ReadAllText(CommittedPath);

        Assert.True(committed == ConfigSchemaGenerator.GenerateText(),
            "eyrie.schema.json is stale; regenerate it with: dotnet run --project src/Eyrie -- schema > src/Eyrie.Configuration/Schema/eyrie.schema.json");
    }

    [Fact]
    public void Schema_DescribesKeysRangesAndEnums()
    {
        var schema = ConfigSchemaGenerator.Generate();

        var binding = schema["$defs"]!["binding"]!;
        Assert.Equal(65535, binding["properties"]!["port"]!["maximum"]!.GetValue<long>());
        Assert.Equal(["http", "https"], binding["properties"]!["protocol"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("port", binding["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(binding["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("#/$defs/site", schema["properties"]!["sites"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.IsType<JsonObject>(schema["$defs"]!["aspNetCore"]!["properties"]!["requestTimeout"]);
    }
}
