using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Edge;

/// <summary>
/// Connection middleware that puts an <see cref="Http1RequestValidator"/> between the client and Kestrel's
/// HTTP/1.1 parser (after TLS, where there is TLS). HTTP/2 connections, chosen by ALPN, are left to Kestrel's
/// frame parser and to <see cref="Security.HeaderPolicy"/>.
/// </summary>
public sealed partial class Http1FramingGuard(ILogger<Http1FramingGuard> logger)
{
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async context =>
    {
        if (context.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol.Span.SequenceEqual("h2"u8) == true)
        {
            await next(context);
            return;
        }

        var transport = context.Transport;
        var input = new ValidatingPipeReader(transport.Input, new Http1RequestValidator());
        context.Transport = new DuplexPipe(input, transport.Output);
        try
        {
            await next(context);
        }
        finally
        {
            context.Transport = transport;
            if (input.Violation is { } violation)
            {
                LogRefused(logger, context.ConnectionId, context.RemoteEndPoint?.ToString(), violation);
            }
        }
    };

    [LoggerMessage(EventId = EventIds.FramingViolation, Level = LogLevel.Information, Message = "Connection {ConnectionId} from {Client} refused with 400: {Violation}")]
    private static partial void LogRefused(ILogger logger, string connectionId, string? client, string violation);
}
