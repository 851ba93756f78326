using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using Eyrie.TestBackend;

// Startup switches: the behaviours Eyrie's process management must handle.
var switches = BackendSwitches.FromEnvironment();
Console.WriteLine($"TestBackend {switches.Version} starting: pid {Environment.ProcessId}, ASPNETCORE_PORT={Environment.GetEnvironmentVariable("ASPNETCORE_PORT")}");
if (switches.StartDelay > TimeSpan.Zero)
{
    await Task.Delay(switches.StartDelay);
}

if (switches.StartGate is { } gate)
{
    // Watching before looking, so a gate opened in between is not missed.
    using var watcher = new FileSystemWatcher(Path.GetDirectoryName(gate)!, Path.GetFileName(gate)) { EnableRaisingEvents = true };
    var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    watcher.Created += (_, _) => opened.TrySetResult();
    if (!File.Exists(gate))
    {
        await opened.Task;
    }
}

if (switches.ExitCode is { } exitCode)
{
    await Console.Error.WriteLineAsync($"TestBackend: failing at startup as configured (exit code {exitCode})");
    return exitCode;
}

if (switches.NeverListen)
{
    Console.WriteLine("TestBackend: running without ever listening, as configured");
    await Task.Delay(Timeout.Infinite);
}

if (Environment.GetEnvironmentVariable("TESTBACKEND_RAW") is "1" or "true")
{
    await RawWorker.RunAsync(int.Parse(Environment.GetEnvironmentVariable("ASPNETCORE_PORT")!, CultureInfo.InvariantCulture));
}

using var ignoreSigterm = switches.IgnoreShutdown
    ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true)
    : null;

var builder = WebApplication.CreateBuilder(args);

// Like any app that accepts large uploads: its own Kestrel limit (30 MB) is lifted. Current ASP.NET Core
// keeps that limit behind IIS too, unless the app sets the IISIntegration ClearMaxRequestBodySize switch.
builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = null);
var app = builder.Build();
if (switches.IgnoreShutdown)
{
    // Never finish stopping: the front end has to kill this process after shutdownTimeLimit.
    app.Lifetime.ApplicationStopping.Register(() =>
    {
        Console.WriteLine("TestBackend: ignoring the request to stop, as configured");
        using var never = new ManualResetEventSlim();
        never.Wait();
    });
}

var requestLog = new RequestLog();
var gates = new Gates();
app.Use(async (context, next) =>
{
    if (context.Request.Path.StartsWithSegments("/requests"))
    {
        await next(context);
        return;
    }

    var body = new CountingStream(context.Request.Body);
    context.Request.Body = body;
    try
    {
        await next(context);
    }
    finally
    {
        requestLog.Add(new RequestLogEntry(context.Request.Method, context.Request.Path + context.Request.QueryString, body.BytesRead, body.Ended, body.Failure, context.RequestAborted.IsCancellationRequested));
    }
});
app.UseWebSockets();

app.MapGet("/requests", () => Results.Json(requestLog.Entries));
app.MapGet("/wait/{name}", async (string name, HttpContext context) =>
{
    await gates.WaitAsync(name, context.RequestAborted);
    return "released";
});
app.MapGet("/waiting/{name}", (string name) => gates.Waiting(name).ToString(CultureInfo.InvariantCulture));
app.MapGet("/release/{name}", (string name) =>
{
    gates.Release(name);
    return "ok";
});

app.Map("/echo", async (HttpContext context) =>
{
    long bodyLength = 0;
    var buffer = new byte[65536];
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        bodyLength += read;
    }

    return Results.Json(new EchoResponse(
        context.Request.Method,
        context.Request.PathBase.Value ?? "",
        context.Request.Path.Value ?? "",
        context.Request.QueryString.Value ?? "",
        context.Request.Host.Value ?? "",
        context.Request.Scheme,
        context.Connection.RemoteIpAddress?.ToString() ?? "",
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        bodyLength,
        Environment.ProcessId,
        switches.Version));
});

app.MapGet("/env/{name}", (string name) => Environment.GetEnvironmentVariable(name) is { } value ? Results.Text(value) : Results.NotFound());
app.MapGet("/pid", () => Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
app.MapGet("/version", () => switches.Version);
app.MapGet("/crash", () =>
{
    // Die mid-request, before any response byte: the front end must answer 502.3 and recover.
    Process.GetCurrentProcess().Kill();
    return Results.Ok();
});
app.MapGet("/hang", async (HttpContext context) =>
{
    Console.WriteLine("TestBackend: /hang started");
    try
    {
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }
    catch (OperationCanceledException)
    {
        // Proves the front end cancels the backend request when its client goes away.
        Console.WriteLine("TestBackend: /hang was aborted by the client");
    }
});
app.MapGet("/delay/{milliseconds:int}", async (int milliseconds, HttpContext context) =>
{
    await Task.Delay(milliseconds, context.RequestAborted);
    return "done";
});
app.MapGet("/download/{bytes:long}", async (long bytes, HttpContext context) =>
{
    context.Response.ContentType = "application/octet-stream";
    context.Response.ContentLength = bytes;
    var chunk = new byte[65536];
    for (var i = 0; i < chunk.Length; i++)
    {
        chunk[i] = (byte)('a' + (i % 26));
    }

    for (var sent = 0L; sent < bytes; sent += chunk.Length)
    {
        await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)), context.RequestAborted);
    }
});
app.MapPost("/upload", async (HttpContext context) =>
{
    var buffer = new byte[65536];
    long total = 0;
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        total += read;
    }

    return total.ToString(CultureInfo.InvariantCulture);
});
app.MapGet("/log/{text}", (string text) =>
{
    Console.WriteLine(text);
    return "logged";
});
app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
app.Map("/ws", async (HttpContext context) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        return Results.BadRequest("WebSocket requests only");
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var buffer = new byte[4096];
    while (true)
    {
        var message = await socket.ReceiveAsync(buffer, CancellationToken.None);
        if (message.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            return Results.Empty;
        }

        await socket.SendAsync(buffer.AsMemory(0, message.Count), message.MessageType, message.EndOfMessage, CancellationToken.None);
    }
});
app.MapGet("/", () => $"TestBackend {switches.Version}");

await app.RunAsync();
return 0;
