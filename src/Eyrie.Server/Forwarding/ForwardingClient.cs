using System.Net;

namespace Eyrie.Server.Forwarding;

/// <summary>
/// The HTTP client for forwarding to local workers, set up as YARP recommends for a proxy: no proxy, no
/// redirects, no decompression, no cookies, no added tracing headers. One connection pool per worker
/// port; it outlives configuration reloads.
/// </summary>
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
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
