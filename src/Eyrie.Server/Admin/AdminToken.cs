using System.Security.Cryptography;
using System.Text;

namespace Eyrie.Server.Admin;

/// <summary>
/// The bearer token that requests on the admin API's TCP listener must carry. Read from its file, or
/// created there (256 random bits, the file readable by this user only) when the file does not exist, so
/// that whoever can read the file — the same user the Unix socket admits — can use the dashboard.
/// </summary>
public sealed class AdminToken
{
    private readonly byte[] _expected;

    private AdminToken(string path, string value)
    {
        FilePath = path;
        Value = value;
        _expected = Encoding.UTF8.GetBytes(value);
    }

    public string FilePath { get; }

    public string Value { get; }

    /// <exception cref="InvalidOperationException">The file exists but holds no token, or cannot be written.</exception>
    public static AdminToken LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length < 16)
            {
                throw new InvalidOperationException($"the admin token file {path} holds no token of at least 16 characters; delete it to have a new one created");
            }

            return new AdminToken(path, existing);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }

        return new AdminToken(path, token);
    }

    /// <summary>True if <paramref name="authorization"/> is <c>Bearer &lt;token&gt;</c>; compared in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
