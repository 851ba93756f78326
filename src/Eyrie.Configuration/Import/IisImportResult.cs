using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Import;

/// <summary>The configuration an IIS import produced, and its report in input order.</summary>
public sealed record IisImportResult(EyrieConfig Config, IReadOnlyList<ImportReportEntry> Report)
{
    /// <summary>The eyrie.json text.</summary>
    public string ToJson() => ConfigJsonWriter.Write(Config);

    /// <summary>The report, one line per entry, naming <paramref name="fileName"/> as the input.</summary>
    public string FormatReport(string fileName) =>
        string.Concat(Report.Select(e => e.Format(fileName) + "\n"));

    public int Count(ImportAction action) => Report.Count(e => e.Action == action);
}
