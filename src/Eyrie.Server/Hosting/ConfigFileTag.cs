using System.Security.Cryptography;

namespace Eyrie.Server.Hosting;

/// <summary>The entity tag of eyrie.json's content, for the admin API's If-Match: a strong tag from its SHA-256.</summary>
public static class ConfigFileTag
{
    public static string Of(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
}
