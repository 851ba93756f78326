using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>
/// The Eyrie of <see cref="IpSecurityTests"/>: ipSecurity on the site, on the application (proxy mode, with a
/// trusted proxy) and in the app's web.config, at its root and in locations with each deny action.
/// </summary>
public sealed class IpSecurityFixture : EyrieFixture
{
    private protected override WebConfigBuilder WebConfig() => new WebConfigBuilder()
        .WebServer("""
            <security>
              <ipSecurity><add ipAddress="::1" allowed="false" /></ipSecurity>
            </security>
            """)
        .Location("members", """
            <security>
              <ipSecurity allowUnlisted="false" denyAction="NotFound">
                <add ipAddress="127.0.0.0" subnetMask="255.255.255.248" allowed="true" />
              </ipSecurity>
            </security>
            """)
        .Location("abort", """
            <security>
              <ipSecurity denyAction="AbortRequest"><add ipAddress="127.0.0.4" allowed="false" /></ipSecurity>
            </security>
            """)
        .Location("login", """
            <security>
              <ipSecurity denyAction="Unauthorized"><add ipAddress="127.0.0.4" allowed="false" /></ipSecurity>
            </security>
            """);

    protected override string Configuration(string appPath) => $$"""
        {
          "sites": [
            {
              "name": "Ip",
              "bindings": [ { "protocol": "http", "address": "*", "port": 0 } ],
              "trustedProxies": [ "127.0.0.5" ],
              "ipSecurity": { "add": [ { "ipAddress": "127.0.0.2", "allowed": false } ] },
              "applications": [
                {
                  "path": "/",
                  "physicalPath": "{{appPath}}",
                  "ipSecurity": {
                    "enableProxyMode": true,
                    "add": [ { "ipAddress": "203.0.113.0/24", "allowed": false } ]
                  }
                }
              ]
            }
          ]
        }
        """;
}
