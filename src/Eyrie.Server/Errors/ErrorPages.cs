using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Eyrie.Configuration.WebConfig.Sections;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Security;
using Eyrie.Server.WebServer;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.Errors;

/// <summary>
/// The error answers Eyrie writes itself, with IIS's and ANCM's status codes and titles
/// (iis-ancm.md §2.16). Details are HTML-encoded and shown only where IIS would show them.
/// </summary>
internal static class ErrorPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <param name="origin">Who produced the answer: decides whether the app's <c>httpErrors</c> custom page replaces it.</param>
    public static Task WriteAsync(HttpContext context, int status, string title, string summary, IEnumerable<(string Heading, string Text)>? details = null, ErrorOrigin origin = ErrorOrigin.Server)
    {
        if (context.Features.Get<EdgeRequest>() is { WebServer.Errors: { } errors, InCustomError: false } request &&
            errors.Find(status, request.SubStatus, IsLocal(context), origin) is { } page)
        {
            return WriteCustomOrBuiltInAsync(request, page, status, title, summary, details);
        }

        return WriteBuiltInAsync(context, status, title, summary, details);
    }

    /// <summary>Writes a custom error page; false if it could not be produced (a missing file, a URL with nothing to run), with nothing written.</summary>
    public static async Task<bool> TryWriteCustomAsync(EdgeRequest request, CustomErrorPage page, int status)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(page);
        request.InCustomError = true;
        var context = request.HttpContext;
        var response = context.Response;
        switch (page.Mode)
        {
            case ErrorResponseMode.File:
                byte[] body;
                try
                {
                    body = await File.ReadAllBytesAsync(page.Target, context.RequestAborted);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return false;
                }

                response.StatusCode = status;
                response.ContentType = ContentTypes.TryGetContentType(page.Target, out var type) ? type : "text/html";
                response.ContentLength = body.Length;
                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    await response.Body.WriteAsync(body, context.RequestAborted);
                }

                return true;
            case ErrorResponseMode.Redirect:
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = page.Target;
                return true;
            default:
                return request.Dispatcher is { } dispatcher && await dispatcher.ExecuteUrlAsync(request, page.Target, status);
        }
    }

    private static async Task WriteCustomOrBuiltInAsync(EdgeRequest request, CustomErrorPage page, int status, string title, string summary, IEnumerable<(string Heading, string Text)>? details)
    {
        if (!await TryWriteCustomAsync(request, page, status))
        {
            await WriteBuiltInAsync(request.HttpContext, status, title, summary, details);
        }
    }

    /// <summary>The client is on this machine: IIS's DetailedLocalOnly shows it the detailed answer.</summary>
    internal static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(ClientAddress.Normalize(address));

    private static Task WriteBuiltInAsync(HttpContext context, int status, string title, string summary, IEnumerable<(string Heading, string Text)>? details)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var page = new StringBuilder(1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(title))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}pre{background:#f4f4f4;padding:1em;overflow:auto;white-space:pre-wrap}</style></head><body>\n<h1>")
            .Append(Html.Encode(title))
            .Append("</h1>\n<p>")
            .Append(Html.Encode(summary))
            .Append("</p>\n");
        foreach (var (heading, text) in details ?? [])
        {
            page.Append("<h2>").Append(Html.Encode(heading)).Append("</h2>\n<pre>").Append(Html.Encode(text)).Append("</pre>\n");
        }

        page.Append("<hr><p><small>Eyrie</small></p></body></html>\n");
        return response.WriteAsync(page.ToString(), context.RequestAborted);
    }

    /// <summary>HTTP.sys's answer when no binding matches the Host header.</summary>
    public static Task InvalidHostnameAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request - Invalid Hostname", "HTTP Error 400. The request hostname is invalid.");

    public static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "HTTP Error 404.0 - Not Found", "The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.");

    /// <summary>
    /// IIS's 500.19: the app's configuration is invalid. As IIS's errorMode DetailedLocalOnly, the file, line
    /// and reason are shown to local clients only.
    /// </summary>
    public static Task ConfigurationErrorAsync(HttpContext context, string error)
    {
        return WriteAsync(context, StatusCodes.Status500InternalServerError, "HTTP Error 500.19 - Internal Server Error",
            "The requested page cannot be accessed because the related configuration data for the page is invalid.",
            IsLocal(context) ? [("Config Error", error)] : null, ErrorOrigin.Fixed);
    }

    /// <summary>IIS's 503 for a stopped application pool; why it stopped is shown to local clients only.</summary>
    public static Task PoolUnavailableAsync(HttpContext context, string? reason)
    {
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "HTTP Error 503. The service is unavailable.",
            "The application pool is stopped.", IsLocal(context) && reason is not null ? [("Reason", reason)] : null, ErrorOrigin.Fixed);
    }

    public static Task ServiceUnavailableAsync(HttpContext context, string reason, ErrorOrigin origin = ErrorOrigin.Fixed) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "HTTP Error 503. The service is unavailable.", reason, null, origin);
}
