using System.Net;
using System.Text;

namespace Eyrie.Server.Forwarding;

/// <summary>
/// The HTTP client for forwarding to local workers, set up as YARP recommends for a proxy: no proxy, no
/// redirects, no decompression, no cookies, no added tracing headers. One connection pool per worker
/// port; it outlives configuration reloads.
/// </summary>
/// <remarks>
/// Header values go through unchanged: the edge's Kestrel decodes request headers as UTF-8 (refusing invalid
/// sequences), so they are encoded back as UTF-8; response headers are read and written as Latin-1, one
/// byte per char, so whatever bytes an app sends reach the client as sent.
/// </remarks>
public sealed class ForwardingClient : IDisposable
{
    public ForwardingClient()
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
            ResponseHeaderEncodingSelector = static (_, _) => Encoding.Latin1,
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
