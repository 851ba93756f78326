using System.Net;
using Eyrie.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// A remote server of a web farm: a real Kestrel on a loopback port that answers its name on every path and
/// "healthy" on /health. It can be stopped (as a crashed machine) and started again on the same port.
/// </summary>
internal sealed class FarmServer : IAsyncDisposable
{
    private WebApplication? _app;

    private FarmServer(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public int Port { get; private set; }

    /// <summary>Requests this server answered (health tests excluded).</summary>
    public int Requests => _requests;

    private int _requests;

    public static async Task<FarmServer> StartAsync(string name)
    {
        var server = new FarmServer(name);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (again) on the port it had; the first time on one outside the ephemeral range, so a restart finds it free.</summary>
    public async Task StartAsync()
    {
        if (Port == 0)
        {
            Port = FreePort.Get();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapGet("/health", () => "healthy");
        app.Run(context =>
        {
            Interlocked.Increment(ref _requests);
            context.Response.Headers["X-Server"] = Name;
            return context.Response.WriteAsync(Name);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        _app = app;
    }

    /// <summary>Stops listening and closes its connections, as a server that went down.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
