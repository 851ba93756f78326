using Eyrie.Server.Edge;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Listeners;

/// <summary>What every listener is built from: the request handler, TLS, the connection guards and Kestrel's transport.</summary>
public sealed record ListenerServices(
    RequestHandler Handler,
    RequestCompletion Completion,
    TlsCertificateSelector Tls,
    ClientConnectionLimiter ConnectionLimiter,
    Http1FramingGuard FramingGuard,
    IConnectionListenerFactory Transport,
    IServiceProvider Services,
    ILoggerFactory LoggerFactory);
