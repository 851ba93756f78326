using System.Text;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Farms;

/// <summary>
/// YARP's client factory for farm clusters, with the header encodings of the local workers' client (UTF-8
/// out, Latin-1 in: bytes pass as sent) and the health tests' body reader.
/// </summary>
public sealed class FarmHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = TimeSpan.FromSeconds(15);
        handler.RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8;
        handler.ResponseHeaderEncodingSelector = static (_, _) => Encoding.Latin1;
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new ProbeBufferingHandler(base.WrapHandler(context, handler));
}
