using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>Eyrie hosting the test backend on an https binding (HTTP/1.1 and HTTP/2 by ALPN), default settings otherwise.</summary>
public sealed class HttpsFixture : EyrieFixture
{
    protected override string Scheme => "https";

    protected override string Configuration(string appPath)
    {
        using var certificate = TestCertificates.Create("localhost", "localhost");
        var (path, key) = TestCertificates.WritePem(certificate, Folder.Path, "localhost");
        return $$"""
            {
              "sites": [
                {
                  "name": "Secure",
                  "bindings": [ { "protocol": "https", "port": 0, "certificate": { "path": "{{path}}", "keyPath": "{{key}}" } } ],
                  "applications": [ { "path": "/", "physicalPath": "{{appPath}}" } ]
                }
              ]
            }
            """;
    }
}
