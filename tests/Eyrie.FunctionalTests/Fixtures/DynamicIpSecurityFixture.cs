using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>
/// The Eyrie of <see cref="DynamicIpSecurityTests"/>: dynamicIpSecurity in web.config locations (a request
/// rate, the same in logging-only mode, a concurrency cap), and a per-client connection cap.
/// </summary>
public sealed class DynamicIpSecurityFixture : EyrieFixture
{
    public const int MaxRequests = 5;
    public const int MaxConcurrentRequests = 3;
    public const int MaxConnectionsPerClient = 5;

    private protected override WebConfigBuilder WebConfig() => new WebConfigBuilder()
        .Location("rate", $"""
            <security>
              <dynamicIpSecurity>
                <denyByRequestRate enabled="true" maxRequests="{MaxRequests}" requestIntervalInMilliseconds="600000" />
              </dynamicIpSecurity>
            </security>
            """)
        .Location("watched", """
            <security>
              <dynamicIpSecurity enableLoggingOnlyMode="true">
                <denyByRequestRate enabled="true" maxRequests="2" requestIntervalInMilliseconds="600000" />
              </dynamicIpSecurity>
            </security>
            """)
        .Location("wait", $"""
            <security>
              <dynamicIpSecurity>
                <denyByConcurrentRequests enabled="true" maxConcurrentRequests="{MaxConcurrentRequests}" />
              </dynamicIpSecurity>
            </security>
            """);

    protected override string Configuration(string appPath) => $$"""
        {
          "webLimits": { "maxConnectionsPerClient": {{MaxConnectionsPerClient}} },
          "sites": [
            {
              "name": "Dynamic",
              "bindings": [ { "protocol": "http", "port": 0 } ],
              "applications": [ { "path": "/", "physicalPath": "{{appPath}}" } ]
            }
          ]
        }
        """;
}
