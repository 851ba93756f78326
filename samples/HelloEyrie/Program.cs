using System.Net;

// An ordinary ASP.NET Core app. Behind Eyrie (as behind IIS) it gets its port, path base and the
// client's address from the ASP.NET Core Module contract, with no code for it here.
var app = WebApplication.CreateBuilder(args).Build();
app.UseStaticFiles();

app.MapGet("/", (HttpContext context) =>
{
    var request = context.Request;
    var facts = new (string Name, string? Value)[]
    {
        ("Path base (ASPNETCORE_APPL_PATH)", request.PathBase.HasValue ? request.PathBase.Value : "/"),
        ("Your address, from X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString()),
        ("Scheme, from X-Forwarded-Proto", request.Scheme),
        ("Host header, preserved", request.Host.Value),
        ("This worker's process id", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Port it listens on (ASPNETCORE_PORT)", Environment.GetEnvironmentVariable("ASPNETCORE_PORT")),
        ("Environment", app.Environment.EnvironmentName),
    };
    var rows = string.Concat(facts.Select(f => $"<tr><th>{WebUtility.HtmlEncode(f.Name)}</th><td>{WebUtility.HtmlEncode(f.Value ?? "(not set)")}</td></tr>"));
    var html = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Hello from Eyrie</title><link rel="stylesheet" href="{request.PathBase}/site.css"></head>
        <body>
          <h1>Hello from an app hosted by Eyrie</h1>
          <p>This is the output of <code>dotnet publish</code>, started from its web.config as IIS would start it.</p>
          <table>{rows}</table>
        </body>
        </html>
        """;
    return Results.Content(html, "text/html; charset=utf-8");
});

app.MapGet("/health", () => "ok");

app.Run();
