using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model.Security;
using Eyrie.Configuration.WebConfig;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.WebConfig;

/// <summary>The system.webServer/security sections of an app's web.config, read as IIS's configuration system reads them.</summary>
public sealed class WebConfigSecurityTests : IDisposable
{
    private readonly TempDirectory _dir = new("webconfig-security");

    public void Dispose() => _dir.Dispose();

    private (WebConfigFile? File, DiagnosticBag Diagnostics) Read(string xml)
    {
        var path = _dir.Write("web.config", xml);
        var diagnostics = new DiagnosticBag();
        return (WebConfigReader.Read(path, diagnostics), diagnostics);
    }

    [Fact]
    public void Sections_AtTheRootAndPerLocation()
    {
        var (file, diagnostics) = Read("""
            <configuration>
              <location path="." inheritInChildApplications="false">
                <system.webServer>
                  <aspNetCore processPath="dotnet" arguments=".\App.dll" />
                  <security>
                    <requestFiltering allowDoubleEscaping="True" removeServerHeader="true">
                      <requestLimits maxAllowedContentLength="1048576" maxUrl="2048">
                        <headerLimits><add header="X-Big" sizeLimit="100" /></headerLimits>
                      </requestLimits>
                      <verbs allowUnlisted="false"><add verb="GET" allowed="true" /><add verb="POST" allowed="true" /></verbs>
                      <filteringRules>
                        <filteringRule name="agents" scanUrl="false">
                          <scanHeaders><add requestHeader="User-Agent" /></scanHeaders>
                          <denyStrings><add string="sqlmap" /></denyStrings>
                        </filteringRule>
                      </filteringRules>
                    </requestFiltering>
                    <dynamicIpSecurity denyAction="NotFound" enableLoggingOnlyMode="false">
                      <denyByRequestRate enabled="true" maxRequests="30" requestIntervalInMilliseconds="1000" />
                    </dynamicIpSecurity>
                  </security>
                </system.webServer>
              </location>
              <location path="admin">
                <system.webServer>
                  <security>
                    <ipSecurity allowUnlisted="false" denyAction="Unauthorized">
                      <add ipAddress="10.0.0.0" subnetMask="255.0.0.0" allowed="true" />
                    </ipSecurity>
                  </security>
                </system.webServer>
              </location>
            </configuration>
            """);

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        Assert.Equal(["/", "/admin"], file!.Locations.Select(l => l.Path));
        var root = file.Locations[0];
        Assert.True(root.RequestFiltering!.AllowDoubleEscaping);
        Assert.True(root.RequestFiltering.RemoveServerHeader);
        Assert.Equal(1048576u, root.RequestFiltering.RequestLimits!.MaxAllowedContentLength);
        Assert.Equal(100u, root.RequestFiltering.RequestLimits.HeaderLimits!.Add.Single().SizeLimit);
        Assert.False(root.RequestFiltering.Verbs!.AllowUnlisted);
        Assert.Equal(["GET", "POST"], root.RequestFiltering.Verbs.Add.Select(v => v.Verb));
        var rule = root.RequestFiltering.FilteringRules!.Add.Single();
        Assert.Equal("sqlmap", rule.DenyStrings!.Add.Single().Value);
        Assert.Equal("User-Agent", rule.ScanHeaders!.Add.Single().RequestHeader);
        Assert.Equal(DenyAction.NotFound, root.DynamicIpSecurity!.DenyAction);
        Assert.Equal(30, root.DynamicIpSecurity.DenyByRequestRate!.MaxRequests);
        var admin = file.Locations[1];
        Assert.Equal(DenyAction.Unauthorized, admin.IpSecurity!.DenyAction);
        Assert.Equal("255.0.0.0", admin.IpSecurity.Add.Single().SubnetMask);
    }

    [Fact]
    public void ClearAndRemove_FollowIisCollectionSemantics_RemoveOfAnInheritedEntryIsKept()
    {
        var (file, diagnostics) = Read("""
            <configuration>
              <system.webServer>
                <security>
                  <requestFiltering>
                    <hiddenSegments>
                      <clear />
                      <add segment="a" />
                      <add segment="b" />
                      <remove segment="a" />
                    </hiddenSegments>
                    <fileExtensions>
                      <remove fileExtension=".config" />
                    </fileExtensions>
                  </requestFiltering>
                </security>
              </system.webServer>
            </configuration>
            """);

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        var segments = file!.Locations.Single().RequestFiltering!.HiddenSegments!;
        Assert.True(segments.Clear);
        Assert.Equal(["b"], segments.Add.Select(s => s.Segment));
        Assert.Empty(segments.Remove);
        var extensions = file.Locations.Single().RequestFiltering!.FileExtensions!;
        Assert.Equal([".config"], extensions.Remove.Select(e => e.FileExtension));
    }

    [Theory]
    [InlineData("<requestFiltering allowDoubleEscapeing=\"true\" />", "allowDoubleEscapeing")]
    [InlineData("<requestFiltering><verbs><add verb=\"GET\" allowed=\"maybe\" /></verbs></requestFiltering>", "allowed")]
    [InlineData("<requestFiltering><verbs><add verb=\"GET\" /><add verb=\"get\" /></verbs></requestFiltering>", "duplicate entry with verb 'get'")]
    [InlineData("<requestFiltering><fileExtensions><add fileExtension=\"exe\" allowed=\"false\" /></fileExtensions></requestFiltering>", "must start with '.'")]
    [InlineData("<ipSecurity><add ipAddress=\"10.0.0.300\" allowed=\"false\" /></ipSecurity>", "not an IP address")]
    [InlineData("<ipSecurity><add ipAddress=\"10.0.0.0\" subnetMask=\"255.0.255.0\" allowed=\"false\" /></ipSecurity>", "not contiguous")]
    [InlineData("<ipSecurity denyAction=\"Teapot\" />", "denyAction")]
    [InlineData("<dynamicIpSecurity><denyByRequestRate enabled=\"true\" maxRequests=\"0\" /></dynamicIpSecurity>", "maxRequests")]
    public void BadSecuritySetting_IsAnErrorAtItsLine(string section, string message)
    {
        var (_, diagnostics) = Read($"<configuration>\n<system.webServer>\n<security>\n{section}\n</security>\n</system.webServer>\n</configuration>");

        var error = Assert.Single(diagnostics.Items, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(_dir.Combine("web.config"), error.Location.File);
        Assert.Equal(4, error.Location.Line);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSectionTwiceForOnePath_IsAnError()
    {
        var (_, diagnostics) = Read("""
            <configuration>
              <system.webServer><security><ipSecurity /></security></system.webServer>
              <location path="."><system.webServer><security><ipSecurity /></security></system.webServer></location>
            </configuration>
            """);

        Assert.Contains(diagnostics.Items, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("duplicate 'system.webServer/security/ipSecurity' section", StringComparison.Ordinal));
    }

    [Fact]
    public void ReverseDns_IsAWarning_NotAnError()
    {
        var (_, diagnostics) = Read("""
            <configuration>
              <system.webServer><security><ipSecurity enableReverseDns="true"><add domainName="example.com" allowed="false" /></ipSecurity></security></system.webServer>
            </configuration>
            """);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal(2, diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Warning));
    }
}
