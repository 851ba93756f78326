using System.Globalization;
using System.Text.Json.Nodes;

namespace Eyrie.Admin;

/// <summary>
/// A binding as appcmd writes it: <c>protocol/address:port:host</c>, e.g. <c>http/*:80:shop.example</c>,
/// <c>https/127.0.0.1:443:</c>, <c>http/[::1]:8080:</c>.
/// </summary>
internal static class BindingNotation
{
    public static JsonObject Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var hostColon = text.LastIndexOf(':');
        var portColon = hostColon > 0 ? text.LastIndexOf(':', hostColon - 1) : -1;
        if (slash <= 0 || portColon <= slash)
        {
            throw new ConfigEditException($"'{text}' is not a binding; write protocol/address:port:host, e.g. http/*:80:shop.example or https/*:443:");
        }

        var protocol = text[..slash].ToLowerInvariant();
        var address = text[(slash + 1)..portColon];
        var portText = text[(portColon + 1)..hostColon];
        var host = text[(hostColon + 1)..];
        if (protocol is not ("http" or "https"))
        {
            throw new ConfigEditException($"'{text}': the protocol must be http or https, not '{protocol}'");
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigEditException($"'{text}': '{portText}' is not a port number");
        }

        var binding = new JsonObject
        {
            ["protocol"] = protocol,
            ["address"] = address.Length == 0 ? "*" : address,
            ["port"] = port,
        };
        if (host.Length > 0)
        {
            // No host is written as none, as eyrie.json's own bindings usually are.
            binding["host"] = host;
        }

        return binding;
    }

    /// <summary>The notation of a binding entry of eyrie.json (with its defaults: http, *, no host).</summary>
    public static string Of(JsonObject binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var protocol = binding["protocol"]?.GetValue<string>().ToLowerInvariant() ?? "http";
        var address = binding["address"]?.GetValue<string>() ?? "*";
        var port = binding["port"]?.ToString() ?? "?";
        var host = binding["host"]?.GetValue<string>() ?? "";
        return $"{protocol}/{address}:{port}:{host}";
    }
}
