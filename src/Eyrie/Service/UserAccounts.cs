namespace Eyrie.Service;

/// <summary>Accounts from /etc/passwd: where a service user's home is.</summary>
internal static class UserAccounts
{
    /// <summary>The home folder of <paramref name="user"/> (a name or a uid), or null when /etc/passwd does not list it.</summary>
    public static string? Home(string user, string passwd = "/etc/passwd")
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!File.Exists(passwd))
        {
            return null;
        }

        // name:password:uid:gid:gecos:home:shell
        return File.ReadLines(passwd)
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length >= 7 && (fields[0] == user || fields[2] == user))
            .Select(fields => fields[5])
            .FirstOrDefault(home => home.Length > 0);
    }
}
