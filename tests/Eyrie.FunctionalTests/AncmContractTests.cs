using System.Net;
using System.Net.Sockets;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests;

/// <summary>What an unmodified app sees behind Eyrie: the ANCM contract (iis-ancm.md §2.3, §2.7, §2.8).</summary>
public sealed class AncmContractTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Forwarding_PreservesHost_AppendsForwardedHeaders_AndReplacesClientAncmHeaders()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo?q=1%202");
        request.Headers.Host = "shop.example.test";
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        request.Headers.TryAddWithoutValidation("MS-ASPNETCORE-TOKEN", "forged");
        request.Headers.TryAddWithoutValidation("ms-aspnetcore-clientcert", "forged");

        var echo = await client.EchoAsync(request: request);

        Assert.Equal("shop.example.test", echo.Host);
        Assert.Equal("?q=1%202", echo.QueryString);
        var worker = Assert.Single(eyrie.Pool().Workers);
        Assert.Equal(worker.Token, echo.Headers["MS-ASPNETCORE-TOKEN"]);
        Assert.False(echo.Headers.ContainsKey("MS-ASPNETCORE-CLIENTCERT"));

        // The app's forwarded-headers middleware consumed the right-most X-Forwarded-For entry (Eyrie's, the
        // client's address:port) and left the client's own entry, which it does not trust.
        Assert.Equal("127.0.0.1", echo.RemoteIp);
        Assert.Equal("203.0.113.9", echo.Headers["X-Forwarded-For"]);
        Assert.StartsWith("127.0.0.1:", echo.Headers["X-Original-For"], StringComparison.Ordinal);
        Assert.Equal("http", echo.Headers["X-Original-Proto"]);
    }

    [Fact]
    public async Task App_SeesTheClientAddress_FromXForwardedFor()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);

        // A client on another loopback address: without X-Forwarded-For the app would see 127.0.0.1 (Eyrie).
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.7"), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, eyrie.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = eyrie.BaseAddress };

        var echo = await client.EchoAsync();

        Assert.Equal("127.0.0.7", echo.RemoteIp);
    }

    [Fact]
    public async Task Worker_GetsTheAncmEnvironment_AndWebConfigVariables()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder()
            .Environment("GREETING", "hello from %HOME%")
            .Environment("ASPNETCORE_APPL_PATH", "/not-allowed"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path, "/shop"), output);
        using var client = eyrie.CreateClient();

        async Task<string> Env(string name) => (await client.GetTextAsync($"/shop/env/{name}")).Body;

        Assert.Equal($"hello from {Environment.GetEnvironmentVariable("HOME")}", await Env("GREETING"));
        Assert.Equal("/shop", await Env("ASPNETCORE_APPL_PATH"));
        Assert.Equal("anonymous;", await Env("ASPNETCORE_IIS_HTTPAUTH"));
        Assert.Equal("true", await Env("ASPNETCORE_IIS_WEBSOCKETS_SUPPORTED"));
        Assert.Equal(app.Path + "/", await Env("ASPNETCORE_IIS_PHYSICAL_PATH"));
        Assert.Contains("Microsoft.AspNetCore.Server.IISIntegration", await Env("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"), StringComparison.Ordinal);
        var port = int.Parse(await Env("ASPNETCORE_PORT"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 10000, 48000);
        Assert.Equal(eyrie.Pool("/shop").Workers.Single().Token, await Env("ASPNETCORE_TOKEN"));
    }

    [Fact]
    public async Task SubPath_BecomesThePathBase_AndPathsMatchInAnyCase()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path, "/shop"), output);
        using var client = eyrie.CreateClient();

        var echo = await client.EchoAsync("/shop/echo");
        var upper = await client.EchoAsync("/SHOP/echo");

        Assert.Equal(("/shop", "/echo"), (echo.PathBase, echo.Path));
        Assert.Equal("/echo", upper.Path);
        Assert.Equal(404, (await client.GetTextAsync("/shopping/echo")).Status);
        Assert.Equal(404, (await client.GetTextAsync("/echo")).Status);
    }

    [Fact]
    public async Task DirectRequestToTheWorker_WithoutTheToken_Gets400()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();
        Assert.Equal(200, (await client.GetTextAsync("/echo")).Status);
        var worker = eyrie.Pool().Workers.Single();

        using var direct = new HttpClient { BaseAddress = new Uri(worker.DestinationPrefix) };
        using var response = await direct.GetAsync("/echo", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RequestsWhileTheAppStarts_WaitAndSucceed_WithOneWorker()
    {
        using var app = TestApp.TestBackend(new WebConfigBuilder().Environment("TESTBACKEND_START_DELAY_MS", "1500"));
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path), output);
        using var client = eyrie.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetTextAsync("/pid")));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(1, eyrie.Logs.Count(1001));
    }

    [Fact]
    public async Task UnknownHost_OnASiteWithHostBindings_Gets400InvalidHostname()
    {
        using var app = TestApp.TestBackend();
        var config = new EyrieConfig
        {
            Sites = [new SiteConfig
            {
                Name = "Named",
                Bindings = [new BindingConfig { Port = 0, Address = "127.0.0.1", Host = "named.test" }],
                Applications = [new ApplicationConfig { Path = "/", PhysicalPath = app.Path }],
            }],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);
        using var client = eyrie.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pid");
        request.Headers.Host = "other.test";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid Hostname", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
