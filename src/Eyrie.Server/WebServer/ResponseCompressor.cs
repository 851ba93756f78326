using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;

namespace Eyrie.Server.WebServer;

/// <summary>
/// IIS's dynamic compression for an app's responses: ASP.NET Core's response compression middleware (gzip and
/// brotli, by the client's Accept-Encoding and the content type) around the forwarding of the request.
/// </summary>
public sealed class ResponseCompressor
{
    // The middleware's next step: forward the request to wherever its route goes.
    private static readonly RequestDelegate Forward = context =>
    {
        var request = context.Features.GetRequiredFeature<EdgeRequest>();
        return request.Dispatcher!.ForwardAsync(request);
    };

    private readonly ResponseCompressionMiddleware _middleware;

    internal ResponseCompressor(IResponseCompressionProvider provider, IReadOnlyList<string> encodings, IReadOnlyList<string> contentTypes)
    {
        _middleware = new ResponseCompressionMiddleware(Forward, provider);
        Encodings = encodings;
        ContentTypes = contentTypes;
    }

    /// <summary>The encodings offered, preferred first.</summary>
    public IReadOnlyList<string> Encodings { get; }

    /// <summary>The content types compressed (<c>text/*</c> style wildcards allowed).</summary>
    public IReadOnlyList<string> ContentTypes { get; }

    public Task ForwardAsync(HttpContext context) => _middleware.Invoke(context);
}
