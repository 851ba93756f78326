namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>One sd_notify datagram: newline-separated VARIABLE=value lines, and when the test received it.</summary>
internal sealed record NotifyMessage(int Index, string Text, long Timestamp)
{
    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public bool Has(string line) => Lines.Contains(line);

    public string? Value(string name) =>
        Lines.FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal)) is { } line ? line[(name.Length + 1)..] : null;
}
