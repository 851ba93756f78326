using System.Globalization;

namespace Eyrie.Bench.Report;

/// <summary>One measured wrk run: a line of runs.tsv.</summary>
internal sealed record Run(int Round, string Scenario, string Target, IReadOnlyDictionary<string, long> Values)
{
    public long Requests => Values["requests"];

    public double RequestsPerSecond => Requests / (Values["duration_us"] / 1e6);

    public long Errors => Values["connect"] + Values["read"] + Values["write"] + Values["status"] + Values["timeout"];

    public static Run Parse(string line)
    {
        var fields = line.Split('\t');
        return new Run(int.Parse(fields[0], CultureInfo.InvariantCulture), fields[1], fields[2], ParseValues(fields.Skip(3)));
    }

    public static Dictionary<string, long> ParseValues(IEnumerable<string> pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
