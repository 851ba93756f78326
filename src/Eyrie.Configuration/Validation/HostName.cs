namespace Eyrie.Configuration.Validation;

/// <summary>Binding host names: exact (<c>shop.example.com</c>), wildcard (<c>*.example.com</c>) or empty (any).</summary>
public static class HostName
{
    public static bool IsWildcard(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.StartsWith("*.", StringComparison.Ordinal);
    }

    /// <summary>Checks a binding host name; returns an explanation if it is not valid.</summary>
    public static string? Check(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Length == 0)
        {
            return null;
        }

        var name = IsWildcard(host) ? host[2..] : host;
        if (name.Length is 0 or > 253)
        {
            return "must be a host name of 1 to 253 characters";
        }

        if (name.Contains('*', StringComparison.Ordinal))
        {
            return "a wildcard may only be the first label, as in *.example.com";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return "has an empty label or one longer than 63 characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"label '{label}' must not start or end with '-'";
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
                {
                    return c > 127
                        ? "must be ASCII; write international names in their xn-- (punycode) form"
                        : $"must not contain '{c}' (a host name has no port or path)";
                }
            }
        }

        return null;
    }
}
