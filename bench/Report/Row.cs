namespace Eyrie.Bench.Report;

/// <summary>One target in one scenario, summarised over the rounds (medians).</summary>
internal sealed record Row(
    string Scenario,
    string Target,
    double RequestsPerSecond,
    double RatioToDirect,
    double P50Ms,
    double P99Ms,
    double CpuMicrosecondsPerRequest,
    long Errors,
    int Rounds);
