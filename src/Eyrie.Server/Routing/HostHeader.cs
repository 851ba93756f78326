namespace Eyrie.Server.Routing;

/// <summary>Reads the host name out of a Host header value without allocating.</summary>
public static class HostHeader
{
    /// <summary>The host without port or IPv6 brackets: <c>a.test:8080</c> → <c>a.test</c>, <c>[::1]:80</c> → <c>::1</c>.</summary>
    public static ReadOnlySpan<char> GetHost(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return value;
        }

        if (value[0] == '[')
        {
            var close = value.IndexOf(']');
            return close > 0 ? value[1..close] : value;
        }

        var colon = value.LastIndexOf(':');
        var host = colon >= 0 ? value[..colon] : value;

        // A fully qualified name may end in a dot (shop.example.com.); it names the same host.
        return host.Length > 1 && host[^1] == '.' ? host[..^1] : host;
    }
}
