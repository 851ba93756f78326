using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Eyrie.Bench.Report;

// Usage: Report <results folder>. Reads machine.tsv, runs.tsv, rss.tsv, extras.tsv; writes results.json and results.md.
var folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: Report <results folder>");
var machine = ReadPairs("machine.tsv");
var clockTicks = double.Parse(machine["clk_tck"], CultureInfo.InvariantCulture);
var runs = File.ReadAllLines(Path.Combine(folder, "runs.tsv")).Where(l => l.Length > 0).Select(Run.Parse).ToList();
var rss = ReadPairs("rss.tsv").ToDictionary(p => p.Key, p => long.Parse(p.Value, CultureInfo.InvariantCulture) / 1024.0, StringComparer.Ordinal);
var extras = File.Exists(Path.Combine(folder, "extras.tsv"))
    ? File.ReadAllLines(Path.Combine(folder, "extras.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t', 2)).ToList()
    : [];

string[] targetOrder = ["direct", "nginx", "haproxy", "yarp", "eyrie", "eyrie-nolog"];
string[] peers = ["nginx", "haproxy", "yarp"];
var scenarios = runs.Select(r => r.Scenario).Distinct().ToList();
var targets = targetOrder.Where(t => runs.Any(r => r.Target == t)).ToList();

// Ratios are taken within a round (same minute, same machine state), then the median over rounds.
double RatioTo(string scenario, string target, string other) => Median(runs
    .Where(r => r.Scenario == scenario && r.Target == target)
    .Select(r => runs.FirstOrDefault(o => o.Scenario == scenario && o.Target == other && o.Round == r.Round) is { } o
        ? r.RequestsPerSecond / o.RequestsPerSecond
        : double.NaN));

var rows = (from scenario in scenarios
            from target in targets
            let mine = runs.Where(r => r.Scenario == scenario && r.Target == target).ToList()
            where mine.Count > 0
            select new Row(
                scenario,
                target,
                Median(mine.Select(r => r.RequestsPerSecond)),
                RatioTo(scenario, target, "direct"),
                Median(mine.Select(r => r.Values["p50_us"] / 1000.0)),
                Median(mine.Select(r => r.Values["p99_us"] / 1000.0)),
                Median(mine.Select(r => r.Values["cpu_ticks"] / clockTicks * 1e6 / r.Requests)),
                mine.Sum(r => r.Errors),
                mine.Count)).ToList();

var eyrieVersus = (from scenario in scenarios
                   from peer in peers
                   where targets.Contains("eyrie") && targets.Contains(peer)
                   select new { scenario, peer, ratio = RatioTo(scenario, "eyrie", peer) }).ToList();

var md = new StringBuilder();
md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_mib"]} MiB; {machine["date"]}; .NET SDK {machine["dotnet"]}, nginx {machine["nginx"]}, HAProxy {machine["haproxy"]}, wrk {machine["wrk"]}.");
md.AppendLine(CultureInfo.InvariantCulture, $"{machine["rounds"]} interleaved rounds of {machine["duration_s"]} s (after {machine["warmup_s"]} s warm-up) per target and scenario, after {machine["prewarm_s"]} s of pre-warming each; medians over rounds.");
md.AppendLine();
md.AppendLine("| Scenario | Target | Requests/s | × direct | p50 ms | p99 ms | CPU µs/req | Errors |");
md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows)
{
    md.AppendLine(CultureInfo.InvariantCulture,
        $"| {row.Scenario} | {row.Target} | {row.RequestsPerSecond:N0} | {row.RatioToDirect:0.00} | {row.P50Ms:0.00} | {row.P99Ms:0.00} | {row.CpuMicrosecondsPerRequest:0.0} | {row.Errors} |");
}

md.AppendLine();
md.AppendLine("Eyrie's throughput against each peer (median of per-round ratios):");
md.AppendLine();
md.AppendLine("| Scenario | × nginx | × HAProxy | × bare YARP |");
md.AppendLine("|---|---:|---:|---:|");
foreach (var scenario in scenarios)
{
    string Ratio(string peer) => eyrieVersus.FirstOrDefault(v => v.scenario == scenario && v.peer == peer) is { } v ? v.ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–";
    md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {Ratio("nginx")} | {Ratio("haproxy")} | {Ratio("yarp")} |");
}

md.AppendLine();
md.AppendLine("Peak RSS over the whole run (VmHWM; nginx: master + workers; direct: the backend itself):");
md.AppendLine();
md.AppendLine("| Target | Peak RSS MiB |");
md.AppendLine("|---|---:|");
foreach (var (target, mib) in rss)
{
    md.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {mib:0.0} |");
}

if (extras.Count > 0)
{
    md.AppendLine();
    md.AppendLine("| Measurement | Value |");
    md.AppendLine("|---|---|");
    foreach (var group in extras.GroupBy(e => e[0], StringComparer.Ordinal))
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {string.Join(", ", group.Select(e => e[1]))} |");
    }
}

var json = JsonSerializer.Serialize(
    new
    {
        machine,
        rows,
        eyrieVersus,
        peakRssMib = rss,
        extras = extras.Select(e => new { name = e[0], value = e[1] }),
        runs = runs.Select(r => new { r.Round, r.Scenario, r.Target, r.RequestsPerSecond, r.Values }),
    },
    new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
File.WriteAllText(Path.Combine(folder, "results.json"), json);
File.WriteAllText(Path.Combine(folder, "results.md"), md.ToString());
Console.Write(md);

Dictionary<string, string> ReadPairs(string name) => File.ReadAllLines(Path.Combine(folder, name))
    .Where(l => l.Length > 0)
    .Select(l => l.Split('\t', 2))
    .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    if (sorted.Count == 0)
    {
        return double.NaN;
    }

    var middle = sorted.Count / 2;
    return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
