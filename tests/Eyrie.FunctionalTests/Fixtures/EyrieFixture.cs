using Eyrie.Configuration;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>
/// One Eyrie, hosting a private copy of the test backend, shared by the tests of a class (they run one after
/// another). A subclass writes the eyrie.json, with IIS's names, and may give the app its own web.config.
/// </summary>
public abstract class EyrieFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fixture");
    private TestApp _app = null!;

    internal EyrieTestHost Eyrie { get; private set; } = null!;

    public string AppPath => _app.Path;

    public int Port => Eyrie.Port;

    /// <summary>The fixture's own folder, beside eyrie.json (for certificates and other files the configuration names).</summary>
    protected TempDirectory Folder => _dir;

    /// <summary>Every request the backend has received so far (through Eyrie, from a client no limit applies to).</summary>
    internal async Task<IReadOnlyList<BackendRequest>> BackendLogAsync()
    {
        using var client = Clients.Loopback();
        return await BackendRequestLog.ReadAsync(client, new Uri($"{Scheme}://localhost:{Port}"));
    }

    public async ValueTask InitializeAsync()
    {
        _app = TestApp.TestBackend(WebConfig());
        var config = _dir.Write("eyrie.json", Configuration(_app.Path));
        Eyrie = await EyrieTestHost.StartAsync(EyrieConfigLoader.Load(config), output: null);
    }

    public async ValueTask DisposeAsync()
    {
        await Eyrie.DisposeAsync();
        _app.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The scheme of the first binding.</summary>
    protected virtual string Scheme => "http";

    /// <summary>The eyrie.json text, for the app published at <paramref name="appPath"/>.</summary>
    protected abstract string Configuration(string appPath);

    /// <summary>The app's web.config, if not the one `dotnet publish` wrote.</summary>
    private protected virtual WebConfigBuilder? WebConfig() => null;
}
