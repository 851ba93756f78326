using Yarp.ReverseProxy.Configuration;

// The backend's address comes from BENCH_BACKEND; the proxy listens where `--urls` says.
var backend = Environment.GetEnvironmentVariable("BENCH_BACKEND")
    ?? throw new InvalidOperationException("Set BENCH_BACKEND to the backend's address, e.g. http://127.0.0.1:5101");

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig
    {
        ClusterId = "backend",
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
        {
            ["backend"] = new DestinationConfig { Address = backend },
        },
    }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
