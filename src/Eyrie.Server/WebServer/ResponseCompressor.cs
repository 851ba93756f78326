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

    internal ResponseCompressor(IResponseCompressionProvider provider)
    {
        _middleware = new ResponseCompressionMiddleware(Forward, provider);
    }

    public Task ForwardAsync(HttpContext context) => _middleware.Invoke(context);
}
