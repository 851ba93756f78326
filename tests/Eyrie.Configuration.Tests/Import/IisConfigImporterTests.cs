using System.Xml.Linq;
using Eyrie.Configuration.Import;

namespace Eyrie.Configuration.Tests.Import;

public sealed class IisConfigImporterTests
{
    private static IisImportResult Import(string xml) =>
        IisConfigImporter.Import(XDocument.Parse(xml, LoadOptions.SetLineInfo), "applicationHost.config", new IisImportOptions { PathMaps = [new(@"C:\", "/srv")] });

    private static string Sites(string pools, string siteBody) => $"""
        <configuration>
          <system.applicationHost>
            <applicationPools>{pools}</applicationPools>
            <sites>
              <site name="Shop" id="1">
                <application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="C:\shop" /></application>
                <bindings><binding protocol="http" bindingInformation="*:80:" /></bindings>
                {siteBody}
              </site>
            </sites>
          </system.applicationHost>
        </configuration>
        """;

    [Fact]
    public void Import_UnknownAttributeAndElement_AreReportedAsSkippedWithTheirLines()
    {
        var result = Import(Sites("<add name=\"P\" />", "<futureFeature enabled=\"true\" />").Replace("id=\"1\"", "id=\"1\" color=\"blue\"", StringComparison.Ordinal));

        Assert.Contains(result.Report, e => e is { Action: ImportAction.Skipped, Path: "sites/site[Shop]/@color", Line: 5 });
        Assert.Contains(result.Report, e => e is { Action: ImportAction.Skipped, Path: "sites/site[Shop]/futureFeature", Line: 8 });
    }

    [Fact]
    public void Import_PoolValueEqualToEyriesDefault_IsReportedButNotWritten_EvenOverADifferentPoolDefault()
    {
        var result = Import(Sites("<add name=\"P\" queueLength=\"1000\" /><applicationPoolDefaults queueLength=\"2000\" />", ""));

        Assert.Null(result.Config.Sites[0].Applications[0].ApplicationPool);
        Assert.DoesNotContain("queueLength", result.ToJson(), StringComparison.Ordinal);
        Assert.Contains(result.Report, e => e.Path == "applicationPools/add[P]/@queueLength" && e.Message.Contains("Eyrie's default (not written)", StringComparison.Ordinal));
        Assert.Contains(result.Report, e => e.Path == "applicationPools/applicationPoolDefaults/@queueLength");
    }

    [Fact]
    public void Import_PoolOutOfEyriesRange_IsSkippedWithTheRange()
    {
        var result = Import(Sites("<add name=\"P\" queueLength=\"5\" />", ""));

        Assert.Null(result.Config.Sites[0].Applications[0].ApplicationPool);
        Assert.Contains(result.Report, e => e is { Action: ImportAction.Skipped, Path: "applicationPools/add[P]/@queueLength" } && e.Message.Contains("10 to 65535", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_RootThatIsNotConfiguration_IsRefused()
    {
        var ex = Assert.Throws<IisImportException>(() => Import("<sites />"));

        Assert.Contains("<configuration>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HttpsWithoutHost_GetsASiteNamedPlaceholderCertificate()
    {
        var result = Import(Sites("<add name=\"P\" />", "").Replace("protocol=\"http\" bindingInformation=\"*:80:\"", "protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"0\"", StringComparison.Ordinal));

        var binding = Assert.Single(result.Config.Sites[0].Bindings);
        Assert.Equal("certs/Shop.pfx", binding.Certificate?.Path);
        Assert.Contains(result.Report, e => e.Action == ImportAction.Changed && e.Message.Contains("placeholder", StringComparison.Ordinal));
    }
}
