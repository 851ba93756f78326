using System.Text;

var builder = WebApplication.CreateBuilder(args);

// Per-request Information logs (hosting's "Request starting") would measure the console, not the proxy.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var hello = Encoding.ASCII.GetBytes("Hello, world!");
var large = new byte[100 * 1024];
Array.Fill(large, (byte)'x');

app.MapGet("/", (HttpContext context) => Write(context, hello));
app.MapGet("/100k", (HttpContext context) => Write(context, large));

// Echo the request body (the POST 4 KB scenario): streamed back, with the request's length when it has one.
app.MapPost("/echo", async (HttpContext context) =>
{
    context.Response.ContentType = "application/octet-stream";
    context.Response.ContentLength = context.Request.ContentLength;
    await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
});

app.Run();

static Task Write(HttpContext context, byte[] body)
{
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
}
