using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// An app exactly as `dotnet new webapp` creates it and `dotnet publish` publishes it, web.config
/// untouched. Made once per test run, outside the repository so none of its build settings apply.
/// </summary>
public sealed class WebAppTemplateFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("webapp");

    public string PublishFolder => _folder.Combine("publish");

    public async ValueTask InitializeAsync()
    {
        var source = _folder.CreateFolder("ShopApp");
        var timeout = TimeSpan.FromMinutes(5);
        await DotnetCli.RunAsync(source, timeout, "new", "webapp", "--name", "ShopApp", "--output", source);
        await DotnetCli.RunAsync(source, timeout, "publish", "--configuration", "Release", "--output", PublishFolder);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
