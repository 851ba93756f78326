using Eyrie.Configuration.Diagnostics;
using Eyrie.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Eyrie.Configuration.Tests.Validation;

public sealed class SiteSettingsValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new("sites");

    public SiteSettingsValidationTests() => _dir.CreateFolder("static");

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string json, TimeProvider? time = null) => EyrieConfigLoader.TryLoad(_dir.Write("eyrie.json", json), time);

    [Fact]
    public void Certificate_Pem_WithKey_Loads()
    {
        using var certificate = TestCertificates.Create("a.test");
        var (pem, key) = TestCertificates.WritePem(certificate, _dir.Path, "a");

        var result = Load($$"""{ "sites": [ { "name": "A", "bindings": [ { "protocol": "https", "port": 8443, "certificate": { "path": "{{pem}}", "keyPath": "{{key}}" } } ] } ] }""");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Certificate_PemWithoutItsKey_IsAnErrorAtThePath()
    {
        using var certificate = TestCertificates.Create("a.test");
        var (pem, _) = TestCertificates.WritePem(certificate, _dir.Path, "a");

        var error = Assert.Single(Load($$"""{ "sites": [ { "name": "A", "bindings": [ { "protocol": "https", "port": 8443, "certificate": { "path": "{{pem}}" } } ] } ] }""").Errors);

        Assert.Equal("sites[0].bindings[0].certificate.path", error.Key);
        Assert.Contains("cannot load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_PfxWithPasswordFromAFile_Loads_AndAWrongPasswordIsAnError()
    {
        using var certificate = TestCertificates.Create("a.test");
        var pfx = TestCertificates.WritePfx(certificate, _dir.Path, "a", "s3cret");
        _dir.Write("good.txt", "s3cret\n");
        _dir.Write("bad.txt", "nope");
        string Config(string passwordFile) => $$"""{ "sites": [ { "name": "A", "bindings": [ { "protocol": "https", "port": 8443, "certificate": { "path": "{{pfx}}", "passwordFile": "{{passwordFile}}" } } ] } ] }""";

        Assert.True(Load(Config("good.txt")).Succeeded);
        var error = Assert.Single(Load(Config("bad.txt")).Errors);
        Assert.Equal("sites[0].bindings[0].certificate.path", error.Key);
    }

    [Fact]
    public void Certificate_Expired_IsAWarning()
    {
        using var certificate = TestCertificates.Create("a.test");
        var (pem, key) = TestCertificates.WritePem(certificate, _dir.Path, "a");
        var later = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(60));

        var result = Load($$"""{ "sites": [ { "name": "A", "bindings": [ { "protocol": "https", "port": 8443, "certificate": { "path": "{{pem}}", "keyPath": "{{key}}" } } ] } ] }""", later);

        Assert.True(result.Succeeded);
        Assert.Contains("expired", Assert.Single(result.Config!.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hsts_RedirectWithoutHttpsBinding_IsAnError()
    {
        var error = Assert.Single(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 80 } ], "hsts": { "redirectHttpToHttps": true } } ] }""").Errors);

        Assert.Equal("sites[0].hsts.redirectHttpToHttps", error.Key);
    }

    [Theory]
    [InlineData("""{ "fileExtension": "webmanifest", "mimeType": "application/manifest+json" }""", "sites[0].staticContent.mimeMap[0].fileExtension")]
    [InlineData("""{ "fileExtension": ".webmanifest", "mimeType": "manifest" }""", "sites[0].staticContent.mimeMap[0].mimeType")]
    public void MimeMap_BadEntry_IsAnError(string entry, string key)
    {
        var error = Assert.Single(Load($$"""{ "sites": [ { "name": "A", "bindings": [ { "port": 80 } ], "staticContent": { "mimeMap": [ {{entry}} ] } } ] }""").Errors);

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void DefaultDocument_WithAPath_IsAnError()
    {
        var error = Assert.Single(Load("""{ "sites": [ { "name": "A", "bindings": [ { "port": 80 } ], "virtualDirectories": [ { "path": "/", "physicalPath": "static", "defaultDocument": { "files": [ "sub/index.html" ] } } ] } ] }""").Errors);

        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("sites[0].virtualDirectories[0].defaultDocument.files", error.Key);
    }

    [Fact]
    public void SecuritySections_WithIisNames_Load()
    {
        var result = Load("""
            {
              "webLimits": { "headerWaitTimeout": "00:00:10", "minBytesPerSecond": 500, "maxConnectionsPerClient": 64 },
              "sites": [
                {
                  "name": "A",
                  "bindings": [ { "protocol": "http", "port": 8080 } ],
                  "trustedProxies": [ "10.0.0.0/8", "192.0.2.1" ],
                  "limits": { "maxUrlSegments": 10 },
                  "requestFiltering": {
                    "hiddenSegments": { "remove": [ { "segment": "bin" } ], "add": [ { "segment": "private" } ] },
                    "requestLimits": { "maxAllowedContentLength": 1000000 }
                  },
                  "ipSecurity": { "allowUnlisted": false, "denyAction": "NotFound", "add": [ { "ipAddress": "10.0.0.0", "subnetMask": "255.0.0.0", "allowed": true } ] },
                  "dynamicIpSecurity": { "denyByConcurrentRequests": { "enabled": true, "maxConcurrentRequests": 10 } }
                }
              ]
            }
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var site = result.Config!.Config.Sites[0];
        Assert.Equal(["bin"], site.RequestFiltering!.HiddenSegments!.Remove.Select(s => s.Segment));
        Assert.Equal(64, result.Config.Config.WebLimits!.MaxConnectionsPerClient);
    }

    [Theory]
    [InlineData("\"trustedProxies\": [ \"10.0.0.0/40\" ]", "sites[0].trustedProxies", "not a CIDR range")]
    [InlineData("\"ipSecurity\": { \"add\": [ { \"ipAddress\": \"10.0.0.1\", \"subnetMask\": \"255.255.0.255\" } ] }", "sites[0].ipSecurity.add[0].subnetMask", "not contiguous")]
    [InlineData("\"ipSecurity\": { \"add\": [ { \"ipAddress\": \"10.0.0.300\", \"subnetMask\": \"255.255.0.0\" } ] }", "sites[0].ipSecurity.add[0].ipAddress", "'10.0.0.300' is not an IP address")]
    [InlineData("\"ipSecurity\": { \"add\": [ { \"ipAddress\": \"10.0.0.0/8\", \"subnetMask\": \"255.0.0.0\" } ] }", "sites[0].ipSecurity.add[0].subnetMask", "not both")]
    [InlineData("\"requestFiltering\": { \"verbs\": { \"add\": [ { \"verb\": \"TRACE\", \"allowed\": false }, { \"verb\": \"trace\" } ] } }", "sites[0].requestFiltering.verbs.add[1].verb", "duplicate entry with verb 'trace'")]
    [InlineData("\"requestFiltering\": { \"requestLimits\": { \"maxUrl\": -1 } }", "sites[0].requestFiltering.requestLimits.maxUrl", "")]
    [InlineData("\"dynamicIpSecurity\": { \"denyByRequestRate\": { \"maxRequests\": 0 } }", "sites[0].dynamicIpSecurity.denyByRequestRate.maxRequests", "")]
    public void SecuritySections_BadValue_IsAnErrorAtItsKeyAndLine(string section, string key, string message)
    {
        var errors = Load($$"""
            {
              "sites": [
                {
                  "name": "A", "bindings": [ { "protocol": "http", "port": 8080 } ],
                  {{section}}
                }
              ]
            }
            """).Errors.ToList();

        var error = Assert.Single(errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(5, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
