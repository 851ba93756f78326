using System.Text;
using Eyrie.Configuration.Model;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Eyrie.Server.Listeners;

/// <summary>
/// One listening socket, served by its own Kestrel server. Owning a server per socket lets a
/// configuration change start and stop single listeners while every other one, and its connections,
/// is left alone (Caddy's listener pool, Kestrel's endpoint diff).
/// </summary>
internal sealed class EdgeListener : IAsyncDisposable
{
    private readonly KestrelServer _server;

    private EdgeListener(ListenerEndpoint endpoint, KestrelServer server, int boundPort)
    {
        Endpoint = endpoint;
        _server = server;
        BoundPort = boundPort;
    }

    public ListenerEndpoint Endpoint { get; }

    /// <summary>The port actually bound (differs from the configured one for port 0).</summary>
    public int BoundPort { get; }

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public static async Task<EdgeListener> StartAsync(
        ListenerEndpoint endpoint,
        ListenerLimits limits,
        ListenerServices services,
        CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions
        {
            ApplicationServices = services.Services,
            AddServerHeader = false,

            // Response header bytes from an app are passed on as they came (see ForwardingClient).
            ResponseHeaderEncodingSelector = static _ => Encoding.Latin1,
        };

        // Request-size limits are IIS's (requestLimits), enforced per site and application.
        options.Limits.MaxRequestBodySize = null;
        limits.ApplyTo(options.Limits);
        void Configure(ListenOptions listen)
        {
            // The per-client cap counts connections before any TLS work is spent on them.
            listen.Use(services.ConnectionLimiter.Wrap);
            if (endpoint.Protocol == BindingProtocol.Https)
            {
                // HTTP/1.1 and HTTP/2 by ALPN; the certificate is chosen per handshake by server name.
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = context => services.Tls.SelectAsync(endpoint, context),
                    HandshakeTimeout = HandshakeTimeout,
                });
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1;
            }

            listen.Use(services.FramingGuard.Wrap);
        }

        if (endpoint.IsAnyAddress)
        {
            // Both families: IPv6 dual-mode where the host has IPv6, IPv4 otherwise.
            options.ListenAnyIP(endpoint.Port, Configure);
        }
        else
        {
            options.Listen(endpoint.Address, endpoint.Port, Configure);
        }

        var server = new KestrelServer(Options.Create(options), services.Transport, services.LoggerFactory);
        try
        {
            await server.StartAsync(new EdgeApplication(endpoint, services.Handler, services.Completion), cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var boundPort = address is not null && Uri.TryCreate(address.Replace("[::]", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : endpoint.Port;
        return new EdgeListener(endpoint, server, boundPort);
    }

    /// <summary>Stops accepting, lets open requests finish until <paramref name="cancellationToken"/> fires, then aborts the rest.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
