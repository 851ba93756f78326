using Eyrie.Configuration.WebConfig.Sections;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.WebServer;

/// <summary>
/// What an app's web.config asks of the server for one path (its root or a <c>&lt;location&gt;</c>), compiled:
/// response headers, custom error pages, redirect, URL rewrite rules and dynamic compression.
/// </summary>
public sealed class WebServerPolicy
{
    private static readonly Func<object, Task> AddHeaders = state =>
    {
        var (policy, response) = ((WebServerPolicy, HttpResponse))state;
        foreach (var header in policy.CustomHeaders)
        {
            // IIS appends a custom header to one the app set, rather than replacing it.
            response.Headers.Append(header.Name, header.Value);
        }

        if (response.StatusCode is >= 300 and < 400)
        {
            foreach (var header in policy.RedirectHeaders)
            {
                response.Headers.Append(header.Name, header.Value);
            }
        }

        if (policy.CloseConnection)
        {
            response.Headers.Connection = "close";
        }

        return Task.CompletedTask;
    };

    public static WebServerPolicy None { get; } = new();

    public IReadOnlyList<CustomHeader> CustomHeaders { get; init; } = [];

    public IReadOnlyList<CustomHeader> RedirectHeaders { get; init; } = [];

    /// <summary><c>httpProtocol/@allowKeepAlive="false"</c>.</summary>
    public bool CloseConnection { get; init; }

    public CustomErrorPages? Errors { get; init; }

    public HttpRedirectRule? Redirect { get; init; }

    public UrlRewriter? Rewrite { get; init; }

    public ResponseCompressor? Compression { get; init; }

    /// <summary>Adds the custom headers to the response when it starts, whatever produced it.</summary>
    public void ApplyHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (CustomHeaders.Count > 0 || RedirectHeaders.Count > 0 || CloseConnection)
        {
            response.OnStarting(AddHeaders, (this, response));
        }
    }
}
