using Eyrie.Configuration.Import;
using Eyrie.Tests.Common;

namespace Eyrie.Configuration.Tests.Import;

/// <summary>What <c>eyrie import-iis</c> does with its options and files (the command only parses them).</summary>
public sealed class IisImportRunnerTests : IDisposable
{
    private const string Input = """
        <configuration>
          <system.applicationHost>
            <sites>
              <site name="Shop" id="1">
                <application path="/"><virtualDirectory path="/" physicalPath="C:\inetpub\shop" /></application>
                <bindings><binding protocol="http" bindingInformation="*:80:" /></bindings>
              </site>
            </sites>
          </system.applicationHost>
        </configuration>
        """;

    private readonly TempDirectory _dir = new("import-cli");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
        _dir.Dispose();
    }

    private int Run(string input, string output, bool force = false, params string[] maps) =>
        IisImportRunner.Run(input, output, maps, force, _out, _err);

    [Fact]
    public void Run_ExistingOutput_IsRefusedWithExitCode1AndLeftAlone()
    {
        var input = _dir.Write("applicationHost.config", Input);
        var output = _dir.Write("eyrie.json", "{ \"sites\": [] }");

        var code = Run(input, output);

        Assert.Equal(1, code);
        Assert.Contains("already exists; use --force", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal("{ \"sites\": [] }", File.ReadAllText(output));
        Assert.Empty(_out.ToString());
    }

    [Fact]
    public void Run_ExistingOutputWithForce_IsOverwritten()
    {
        var input = _dir.Write("applicationHost.config", Input);
        var output = _dir.Write("eyrie.json", "{ \"sites\": [] }");

        var code = Run(input, output, force: true, @"C:\inetpub=/srv/apps");

        Assert.Equal(0, code);
        Assert.Contains("\"physicalPath\": \"/srv/apps/shop\"", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Contains("applicationHost.config(4): Mapped   sites/site[Shop]: sites[] Shop", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NewOutput_IsWrittenAndTheReportPrinted()
    {
        var input = _dir.Write("applicationHost.config", Input);
        var output = _dir.Combine("out", "eyrie.json");

        var code = Run(input, output);

        Assert.Equal(0, code);
        Assert.True(File.Exists(output));
        Assert.Contains("needs a Linux path", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 site(s), 1 application(s)", _out.ToString(), StringComparison.Ordinal);
        Assert.Empty(_err.ToString());
    }

    [Fact]
    public void Run_MalformedXml_NamesFileLineAndColumnAndWritesNothing()
    {
        var input = _dir.Write("applicationHost.config", "<configuration>\n  <system.applicationHost>\n    <sites>\n  </system.applicationHost>\n</configuration>");
        var output = _dir.Combine("eyrie.json");

        var code = Run(input, output);

        Assert.Equal(1, code);
        Assert.Matches(@"applicationHost\.config\(4,\d+\): error: malformed XML: ", _err.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_Dtd_IsRefused()
    {
        var input = _dir.Write("applicationHost.config", "<!DOCTYPE configuration [ <!ENTITY x \"y\"> ]>\n<configuration />");

        Assert.Equal(1, Run(input, _dir.Combine("eyrie.json")));
        Assert.Contains("malformed XML", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_IsAClearError()
    {
        Assert.Equal(1, Run(_dir.Combine("nope.config"), _dir.Combine("eyrie.json")));
        Assert.Contains("nope.config: error: file not found", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadPathMap_IsRefusedBeforeAnythingIsWritten()
    {
        var input = _dir.Write("applicationHost.config", Input);
        var output = _dir.Combine("eyrie.json");

        Assert.Equal(1, Run(input, output, false, "C:\\inetpub"));
        Assert.Contains("--path-map", _err.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
