using System.Collections.Concurrent;
using System.Net;
using Eyrie.Configuration.Model;
using Eyrie.Server.Hosting;
using Eyrie.Server.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Edge;

/// <summary>
/// <c>webLimits.maxConnectionsPerClient</c>: the connections one client address holds open at once, across
/// every listener, counted before TLS. A connection over the cap is closed at once, so one client cannot take
/// the whole server's connections. The limit is read from the configuration in effect for each connection;
/// the table holds only addresses with open connections.
/// </summary>
public sealed partial class ClientConnectionLimiter(ConfigurationSource configuration, ILogger<ClientConnectionLimiter> logger)
{
    private readonly ConcurrentDictionary<UInt128, int> _open = new();

    /// <summary>Addresses with at least one open connection.</summary>
    public int TrackedClients => _open.Count;

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async context =>
    {
        var limit = configuration.Current.Config.WebLimits?.MaxConnectionsPerClient ?? WebLimitsConfig.DefaultMaxConnectionsPerClient;
        if (limit == 0 || context.RemoteEndPoint is not IPEndPoint remote)
        {
            await next(context);
            return;
        }

        var key = ClientKey.From(remote.Address);
        if (!TryEnter(key, limit))
        {
            LogRefused(logger, remote.Address.ToString(), limit);
            context.Abort(new ConnectionAbortedException("Too many connections from this client."));
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Leave(key);
        }
    };

    private bool TryEnter(UInt128 key, int limit)
    {
        while (true)
        {
            if (_open.TryGetValue(key, out var count))
            {
                if (count >= limit)
                {
                    return false;
                }

                if (_open.TryUpdate(key, count + 1, count))
                {
                    return true;
                }
            }
            else if (_open.TryAdd(key, 1))
            {
                return true;
            }
        }
    }

    private void Leave(UInt128 key)
    {
        while (true)
        {
            var count = _open[key];
            if (count == 1 ? _open.TryRemove(KeyValuePair.Create(key, 1)) : _open.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = EventIds.ConnectionRefusedPerClient, Level = LogLevel.Debug, Message = "Connection from {Client} closed: it already holds {Limit} connections (webLimits.maxConnectionsPerClient)")]
    private static partial void LogRefused(ILogger logger, string client, int limit);
}
