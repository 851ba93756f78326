using System.CommandLine;
using Eyrie.Configuration;
using Eyrie.Configuration.Model;

namespace Eyrie.Commands;

/// <summary><c>eyrie host &lt;publish-folder&gt; [--port 8080] [--path /]</c>: hosts one app with no configuration file.</summary>
internal static class HostCommand
{
    public const string SiteName = "Default Web Site";

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("publish-folder") { Description = "The output of `dotnet publish` (the folder with the app's web.config)." };
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on, on every address.", DefaultValueFactory = _ => 8080 };
        var path = new Option<string>("--path") { Description = "The virtual path of the app (its path base), e.g. /shop.", DefaultValueFactory = _ => "/" };
        var command = new Command("host", "Host one published app, as IIS would, without a configuration file.") { folder, port, path };
        command.SetAction((parse, cancellationToken) =>
        {
            var config = Build(parse.GetValue(folder)!.FullName, parse.GetValue(port), parse.GetValue(path)!);
            return ServerRunner.RunAsync(EyrieConfigLoader.FromConfig(config, Environment.CurrentDirectory), cancellationToken);
        });
        return command;
    }

    /// <summary>The configuration <c>eyrie host</c> runs: one site on *:port with one application.</summary>
    public static EyrieConfig Build(string physicalPath, int port, string path) => new()
    {
        Sites =
        [
            new SiteConfig
            {
                Name = SiteName,
                Bindings = [new BindingConfig { Port = port }],
                Applications = [new ApplicationConfig { Path = path, PhysicalPath = physicalPath }],
            },
        ],
    };
}
