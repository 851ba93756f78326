using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Eyrie.Commands;

/// <summary><c>eyrie status [--json]</c>: Eyrie, its sites, bindings, applications and workers, as the admin API reports them.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = EyrieCommandLine.ConfigOption();
        var json = EyrieCommandLine.JsonOption();
        var command = new Command("status", "Show the running Eyrie: sites, bindings, applications, workers and their traffic.") { config, json };
        command.SetAction((parse, cancellationToken) => AdminSession.RunAsync(parse.GetValue(config)!, async client =>
        {
            if (await AdminSession.GetJsonAsync(client, "/api/status", cancellationToken) is not { } status)
            {
                return ExitCodes.ActionFailed;
            }

            if (parse.GetValue(json))
            {
                AdminSession.WriteJson(status);
                return ExitCodes.Success;
            }

            Write(status, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(JsonElement status, TextWriter writer)
    {
        var eyrie = status.GetProperty("eyrie");
        writer.WriteLine($"Eyrie {eyrie.GetProperty("version").GetString()}  pid {eyrie.GetProperty("processId").GetInt32()}  up {Duration(eyrie.GetProperty("uptimeSeconds").GetDouble())}  {eyrie.GetProperty("residentKb").GetInt64() / 1024} MiB  {eyrie.GetProperty("configFile").GetString() ?? "(eyrie host)"}");
        if (eyrie.GetProperty("lastReload") is { ValueKind: JsonValueKind.Object } reload)
        {
            writer.WriteLine($"last reload: {(reload.GetProperty("applied").GetBoolean() ? "applied" : "rejected")} — {reload.GetProperty("message").GetString()}");
        }

        foreach (var site in status.GetProperty("sites").EnumerateArray())
        {
            writer.WriteLine();
            var bindings = site.GetProperty("bindings").EnumerateArray()
                .Select(b => b.GetProperty("binding").GetString() + (b.GetProperty("listening").GetBoolean() ? $" (port {b.GetProperty("boundPort").GetInt32()})" : " (not listening)"));
            writer.WriteLine($"site {site.GetProperty("name").GetString()}  {string.Join(", ", bindings)}");
            var table = new TableWriter("APPLICATION", "STATE", "PID", "PORT", "UPTIME", "REQ/S", "MS", "REQUESTS", "5XX", "RESTARTS", "MEMORY", "CPU");
            foreach (var app in site.GetProperty("applications").EnumerateArray())
            {
                var workers = app.GetProperty("workers").EnumerateArray().ToList();
                var traffic = new[]
                {
                    Number(app.GetProperty("requestsPerSecond").GetDouble()), Number(app.GetProperty("averageMilliseconds").GetDouble()),
                    app.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture), app.GetProperty("errors").GetInt64().ToString(CultureInfo.InvariantCulture),
                    app.GetProperty("restarts").GetInt32().ToString(CultureInfo.InvariantCulture),
                };
                var name = app.GetProperty("name").GetString()!;
                var state = app.GetProperty("state").GetString()!;
                if (workers.Count == 0)
                {
                    table.Add([name, state, "-", "-", "-", .. traffic, "-", "-"]);
                }

                foreach (var worker in workers)
                {
                    table.Add([
                        name, $"{state}/{worker.GetProperty("state").GetString()}", worker.GetProperty("processId").GetInt32().ToString(CultureInfo.InvariantCulture),
                        worker.GetProperty("port").GetInt32().ToString(CultureInfo.InvariantCulture), Duration(worker.GetProperty("uptimeSeconds").GetDouble()), .. traffic,
                        worker.GetProperty("residentKb") is { ValueKind: JsonValueKind.Number } kb ? $"{kb.GetInt64() / 1024} MiB" : "-",
                        worker.GetProperty("cpuPercent") is { ValueKind: JsonValueKind.Number } cpu ? $"{Number(cpu.GetDouble())}%" : "-",
                    ]);
                    name = "";
                    traffic = ["", "", "", "", ""];
                }
            }

            foreach (var directory in site.GetProperty("virtualDirectories").EnumerateArray())
            {
                table.Add(
                    site.GetProperty("name").GetString() + directory.GetProperty("path").GetString(), "static", "-", "-", "-",
                    Number(directory.GetProperty("requestsPerSecond").GetDouble()), Number(directory.GetProperty("averageMilliseconds").GetDouble()),
                    directory.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture), "-", "-", "-", "-");
            }

            table.WriteTo(writer);
            foreach (var app in site.GetProperty("applications").EnumerateArray())
            {
                if (app.GetProperty("lastFailure") is { ValueKind: JsonValueKind.Object } failure)
                {
                    writer.WriteLine($"  {app.GetProperty("name").GetString()} last failure: {failure.GetProperty("message").GetString()}");
                }
            }
        }
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d{span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds}s"
            : $"{span.Seconds}s";
    }
}
