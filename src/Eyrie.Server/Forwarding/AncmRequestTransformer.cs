using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Eyrie.Configuration.WebConfig.Sections;
using Eyrie.Server.Errors;
using Eyrie.Server.Pipeline;
using Eyrie.Server.WebServer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding;

/// <summary>
/// The request and response headers of ANCM's forwarder (iis-ancm.md §2.7): Host preserved, any
/// client-sent <c>MS-ASPNETCORE-*</c> header removed, the worker's pairing token added,
/// <c>X-Forwarded-For</c> (address:port) and <c>X-Forwarded-Proto</c> appended to what the client sent.
/// YARP's base transformer copies the rest and drops hop-by-hop headers.
/// </summary>
internal sealed class AncmRequestTransformer : HttpTransformer
{
    public const string TokenHeader = "MS-ASPNETCORE-TOKEN";
    private const string AncmHeaderPrefix = "MS-ASPNETCORE";
    internal const string ForwardedFor = "X-Forwarded-For";
    internal const string ForwardedProto = "X-Forwarded-Proto";

    public static AncmRequestTransformer Instance { get; } = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var headers = proxyRequest.Headers;
        var request = httpContext.Request;

        var host = request.Headers.Host.ToString();
        if (host.Length > 0)
        {
            headers.Host = host;
        }

        foreach (var name in request.Headers.Keys)
        {
            if (IsAncmHeader(name))
            {
                headers.Remove(name);
            }
        }

        Append(headers, ForwardedFor, FormatClient(httpContext.Connection.RemoteIpAddress, httpContext.Connection.RemotePort));
        Append(headers, ForwardedProto, request.IsHttps ? "https" : "http");
        headers.TryAddWithoutValidation(TokenHeader, httpContext.Features.GetRequiredFeature<EdgeRequest>().Worker!.Token);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proceed && proxyResponse is not null && ReplacementPage(httpContext, (int)proxyResponse.StatusCode) is { } page)
        {
            // httpErrors existingResponse="Replace": drop the app's error body and headers; the forwarder writes the custom page.
            httpContext.Response.Headers.Clear();
            httpContext.Features.GetRequiredFeature<EdgeRequest>().ReplacedBy = page;
            return false;
        }

        // handlerSettings forwardResponseConnectionHeader: pass the backend's Connection header on.
        if (proxyResponse is not null && httpContext.Features.Get<EdgeRequest>()?.Worker?.Settings.ForwardResponseConnectionHeader == true &&
            proxyResponse.Headers.NonValidated.TryGetValues("Connection", out var connection))
        {
            httpContext.Response.Headers.Connection = connection.ToString();
        }

        return proceed;
    }

    /// <summary>A header only ANCM may send the app (<c>MS-ASPNETCORE-*</c>): a client's copy never reaches it.</summary>
    internal static bool IsAncmHeader(string name) => name.StartsWith(AncmHeaderPrefix, StringComparison.OrdinalIgnoreCase);

    internal static CustomErrorPage? ReplacementPage(HttpContext context, int status) =>
        status >= 400 && context.Features.Get<EdgeRequest>() is { WebServer.Errors: { ExistingResponse: ExistingResponseMode.Replace } errors, InCustomError: false }
            ? errors.Find(status, 0, ErrorPages.IsLocal(context), ErrorOrigin.Module)
            : null;

    /// <summary>ANCM's <c>REMOTE_ADDR:REMOTE_PORT</c>, with IPv6 in brackets and IPv4-mapped addresses as IPv4.</summary>
    internal static string FormatClient(IPAddress? address, int port)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{portText}" : $"{address}:{portText}";
    }

    private static void Append(System.Net.Http.Headers.HttpRequestHeaders headers, string name, string value)
    {
        if (headers.NonValidated.TryGetValues(name, out var existing) && existing.Count > 0)
        {
            var combined = string.Join(", ", existing) + ", " + value;
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, combined);
        }
        else
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
