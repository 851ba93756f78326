using System.Text;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Tests.Binding;

public sealed class ConfigBinderTests
{
    private static (EyrieConfig? Config, DiagnosticBag Diagnostics, ConfigSourceMap Map) Bind(string json)
    {
        var diagnostics = new DiagnosticBag();
        var map = new ConfigSourceMap();
        var node = JsonSourceParser.Parse(Encoding.UTF8.GetBytes(json), "/c/eyrie.json", diagnostics)!;
        return (new ConfigBinder(diagnostics, map).BindRoot<EyrieConfig>(node), diagnostics, map);
    }

    [Fact]
    public void BindRoot_KeysInAnyCase_BindToProperties()
    {
        var (config, diagnostics, _) = Bind("""
            { "SITES": [ { "Name": "Shop", "BINDINGS": [ { "protocol": "HTTPS", "address": "127.0.0.1", "PORT": 8443, "host": "x.test",
              "certificate": { "path": "c.pem", "keyPath": "k.pem" } } ],
              "applications": [ { "path": "/", "physicalPath": "app",
                "aspNetCore": { "startupTimeLimit": 30, "requestTimeout": "00:00:05", "hostingModel": "InProcess",
                                "environmentVariables": { "A": "1", "B": 2, "C": true } } } ] } ] }
            """);

        Assert.Empty(diagnostics.Items);
        var site = Assert.Single(config!.Sites);
        Assert.Equal("Shop", site.Name);
        var binding = Assert.Single(site.Bindings);
        Assert.Equal((BindingProtocol.Https, "127.0.0.1", 8443, "x.test"), (binding.Protocol, binding.Address, binding.Port, binding.Host));
        Assert.Equal("k.pem", binding.Certificate!.KeyPath);
        var aspNetCore = site.Applications[0].AspNetCore!;
        Assert.Equal(30, aspNetCore.StartupTimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), aspNetCore.RequestTimeout);
        Assert.Equal(HostingModel.InProcess, aspNetCore.HostingModel);
        Assert.Equal(["1", "2", "true"], aspNetCore.EnvironmentVariables!.Values);
    }

    [Fact]
    public void BindRoot_Defaults_AreThoseOfTheRecords()
    {
        var (config, diagnostics, _) = Bind("""{ "sites": [ { "name": "a", "bindings": [ { "port": 80 } ] } ] }""");

        Assert.Empty(diagnostics.Items);
        var binding = config!.Sites[0].Bindings[0];
        Assert.Equal((BindingProtocol.Http, "*", ""), (binding.Protocol, binding.Address, binding.Host));
    }

    [Fact]
    public void BindRoot_UnknownKey_SuggestsTheNearestKnownKey()
    {
        var (_, diagnostics, _) = Bind("{\n \"sites\": [ { \"name\": \"a\",\n  \"aplications\": [] } ] }");

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal("sites[0].aplications", error.Key);
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("did you mean 'applications'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindRoot_ManyErrors_AreAllReportedInOneRun()
    {
        var (_, diagnostics, _) = Bind("""
            { "sites": [
              { "bindings": [ { "port": "80" }, { "port": 70000 }, { "protocol": "ftp", "port": 1 } ] },
              { "name": 5, "applications": [ { "physicalPath": "x", "aspNetCore": { "requestTimeout": "00:60:00" } } ] }
            ] }
            """);

        var byKey = diagnostics.Items.ToDictionary(d => d.Key, d => d.Message);
        Assert.Equal("required key is missing", byKey["sites[0].name"]);
        Assert.Equal("expected a whole number, found a string", byKey["sites[0].bindings[0].port"]);
        Assert.Equal("must be between 0 and 65535; found 70000", byKey["sites[0].bindings[1].port"]);
        Assert.Equal("expected one of http, https; found 'ftp'", byKey["sites[0].bindings[2].protocol"]);
        Assert.Equal("expected a string, found a number", byKey["sites[1].name"]);
        Assert.Equal("required key is missing", byKey["sites[1].applications[0].path"]);
        Assert.Contains("is not a time span", byKey["sites[1].applications[0].aspNetCore.requestTimeout"], StringComparison.Ordinal);
        Assert.All(diagnostics.Items, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void BindRoot_DuplicateKey_NamesTheFirstLine()
    {
        var (_, diagnostics, _) = Bind("{\n\"sites\": [],\n\"Sites\": []\n}");

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("first written at line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindRoot_NullForNonNullable_IsAnError()
    {
        var (_, diagnostics, _) = Bind("""{ "sites": [ { "name": null } ] }""");

        Assert.Equal("must not be null", Assert.Single(diagnostics.Items).Message);
    }

    [Fact]
    public void BindRoot_NotAnObject_IsAnError()
    {
        var (config, diagnostics, _) = Bind("[1]");

        Assert.Null(config);
        Assert.Contains("expected an object at the top level", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindRoot_SourceMap_KnowsWhereEachRecordAndPropertyWasWritten()
    {
        var (config, _, map) = Bind("{\n\"sites\": [\n {\n  \"name\": \"a\",\n  \"bindings\": [ { \"port\": 80 } ]\n }\n]\n}");

        var site = config!.Sites[0];
        Assert.Equal(3, map.LocationOf(site).Line);
        Assert.Equal(4, map.LocationOf(site, nameof(SiteConfig.Name)).Line);
        Assert.Equal("sites[0].bindings[0]", map.PathOf(site.Bindings[0]));
        Assert.Equal("sites[0].bindings[0].port", map.PathOf(site.Bindings[0], nameof(BindingConfig.Port)));
    }

    [Fact]
    public void BoundRecords_HaveValueEquality()
    {
        const string Json = """{ "sites": [ { "name": "a", "bindings": [ { "port": 80 } ], "applications": [ { "path": "/", "aspNetCore": { "environmentVariables": { "A": "1", "B": "2" } } } ] } ] }""";
        const string Reordered = """{ "sites": [ { "name": "a", "bindings": [ { "port": 80 } ], "applications": [ { "path": "/", "aspNetCore": { "environmentVariables": { "b": "2", "A": "1" } } } ] } ] }""";

        Assert.Equal(Bind(Json).Config, Bind(Reordered).Config);
        Assert.NotEqual(Bind(Json).Config, Bind(Json.Replace("80", "81", StringComparison.Ordinal)).Config);
    }
}
