using System.CommandLine;
using Eyrie.Admin;
using Eyrie.Configuration.Paths;

namespace Eyrie.Commands;

/// <summary><c>eyrie dashboard</c>: prints the link that opens the running Eyrie's web dashboard with its token.</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var command = new Command("dashboard", "Print the link to the web dashboard (needs admin.listen in eyrie.json).") { config };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            var file = parse.GetValue(config)!;
            var admin = AdminClient.AdminSettings(file);
            if (admin?.Listen is not { } listen || !AdminListenAddress.TryParse(listen, out var endpoint, out _))
            {
                await Console.Error.WriteLineAsync("The dashboard is served on admin.listen, which eyrie.json does not set; add \"admin\": { \"listen\": \"127.0.0.1:8090\" } and reload.");
                return ExitCodes.ActionFailed;
            }

            if (endpoint.Port == 0)
            {
                await Console.Error.WriteLineAsync("admin.listen uses port 0, so the port is chosen at start: Eyrie's log names it (\"Admin API and dashboard on ...\").");
                return ExitCodes.ActionFailed;
            }

            var tokenFile = AdminTokenPath.Resolve(admin, client.SocketPath, file.DirectoryName ?? ".");
            if (!File.Exists(tokenFile))
            {
                await Console.Error.WriteLineAsync($"No admin token at {tokenFile}: Eyrie creates it when it starts with admin.listen; restart Eyrie if admin.listen was added by a reload.");
                return ExitCodes.ActionFailed;
            }

            var token = (await File.ReadAllTextAsync(tokenFile, cancellationToken)).Trim();
            var host = endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
            Console.Out.WriteLine($"http://{host}:{endpoint.Port}/#token={Uri.EscapeDataString(token)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
