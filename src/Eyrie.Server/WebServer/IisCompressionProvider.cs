using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.WebServer;

/// <summary>
/// ASP.NET Core's compression provider with IIS's <c>httpCompression</c> switches on top: no compression for
/// HTTP/1.0 clients, for requests through a proxy (<c>Via</c>), or for range requests, each as configured.
/// </summary>
internal sealed class IisCompressionProvider(IResponseCompressionProvider inner, bool noCompressionForHttp10, bool noCompressionForProxies, bool noCompressionForRange) : IResponseCompressionProvider
{
    public ICompressionProvider? GetCompressionProvider(HttpContext context) => inner.GetCompressionProvider(context);

    public bool ShouldCompressResponse(HttpContext context) => inner.ShouldCompressResponse(context);

    public bool CheckRequestAcceptsCompression(HttpContext context)
    {
        var request = context.Request;
        if ((noCompressionForHttp10 && HttpProtocol.IsHttp10(request.Protocol)) ||
            (noCompressionForProxies && request.Headers.ContainsKey(HeaderNames.Via)) ||
            (noCompressionForRange && request.Headers.ContainsKey(HeaderNames.Range)))
        {
            return false;
        }

        return inner.CheckRequestAcceptsCompression(context);
    }
}
